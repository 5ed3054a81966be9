/**
 * fast-check generators for agent.lock documents and for edits of them, shared
 * by the property tests of the format, the merge and the diff.
 */
import fc from "fast-check";
import type { Credential, JsonObject, JsonValue, WorkingForm } from "../../src/core/schema.js";

// "__proto__" keys are refused by the parser, so they are not generated.
const noProto = (value: unknown) => !JSON.stringify(value).includes('"__proto__"');

/** Keys from a small alphabet, so that generated documents share keys often. */
export const smallKey = fc.constantFrom("a", "b", "c", "tone", "notes", "constructor", "x.y", "ü");

/** JSON values of bounded size, arrays included. */
export const jsonValue: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 3 }).filter(noProto) as fc.Arbitrary<JsonValue>;

export const jsonObject = fc.dictionary(smallKey, jsonValue, { maxKeys: 5 }) as fc.Arbitrary<JsonObject>;

export const credentialName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);

export const credential: fc.Arbitrary<Credential> = fc.oneof(
  fc.constant({ source: "vault" as const }),
  fc.record({ source: fc.constant("embedded" as const), value: fc.string({ unit: "grapheme" }) }),
  fc.record({ source: fc.constant("vault" as const), description: fc.string() }),
);

export const credentials = fc.dictionary(fc.constantFrom("OPENAI_API_KEY", "GITHUB_TOKEN", "DEPLOY"), credential, { maxKeys: 3 });

export const workingForm: fc.Arbitrary<WorkingForm> = fc.record(
  {
    version: fc.constant(2 as const),
    agent: fc.record({ name: fc.string() }),
    credentials,
    personality: jsonObject,
    memory: jsonObject,
  },
  { requiredKeys: ["version", "credentials", "personality", "memory"] },
);

/**
 * An edit of a JSON object: each key kept (most often), deleted, replaced,
 * or (objects and arrays) edited inside; new keys added.
 */
export function editedObject(base: JsonObject, depth = 2): fc.Arbitrary<JsonObject> {
  const keys = Object.keys(base);
  const perKey = keys.map((key) => editedValue(base[key] as JsonValue, depth));
  return fc.tuple(fc.tuple(...perKey), fc.dictionary(smallKey, jsonValue, { maxKeys: 2 })).map(([values, added]) => {
    const out: JsonObject = { ...added };
    keys.forEach((key, i) => {
      const value = values[i];
      if (value === undefined) delete out[key];
      else out[key] = value;
    });
    return out;
  });
}

function editedValue(value: JsonValue, depth: number): fc.Arbitrary<JsonValue | undefined> {
  const options: fc.WeightedArbitrary<JsonValue | undefined>[] = [
    { weight: 6, arbitrary: fc.constant(value) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: jsonValue },
  ];
  if (depth > 0 && value !== null && typeof value === "object" && !Array.isArray(value)) {
    options.push({ weight: 3, arbitrary: editedObject(value, depth - 1) });
  }
  if (Array.isArray(value)) options.push({ weight: 3, arbitrary: editedArray(value) });
  return fc.oneof(...options);
}

/** An edit of an array: elements dropped, and elements inserted anywhere. */
export function editedArray(base: JsonValue[]): fc.Arbitrary<JsonValue[]> {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
      fc.array(fc.tuple(fc.nat(base.length), jsonValue), { maxLength: 3 }),
    )
    .map(([keep, inserts]) => {
      const out: JsonValue[][] = base.map((item, i) => (keep[i] !== false ? [item] : []));
      out.push([]);
      for (const [at, item] of inserts) (out[at] as JsonValue[]).unshift(item);
      return out.flat();
    });
}

/** An edit of a working form, layer by layer (credentials replaced whole or kept). */
export function editedForm(base: WorkingForm): fc.Arbitrary<WorkingForm> {
  return fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(base.credentials) }, { weight: 1, arbitrary: credentials }),
      editedObject(base.personality),
      editedObject(base.memory),
    )
    .map(([creds, personality, memory]) => ({ ...base, credentials: creds, personality, memory }));
}
