import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAgentLock, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { canonicalJson } from "../../src/core/canonical.js";
import { renderConflictText } from "../../src/core/conflict-text.js";
import { type MergeResult, jsonEqual, mergeWorkingForms, resolveMerge } from "../../src/core/merge.js";
import type { JsonObject, JsonValue, WorkingForm } from "../../src/core/schema.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { editedArray, editedForm, editedObject, jsonValue, workingForm } from "../helpers/arbitraries.js";

const doc = (layers: Partial<WorkingForm> = {}): WorkingForm => ({ version: 2, credentials: {}, personality: {}, memory: {}, ...layers });

/** Three versions: a base and two independent edits of it. */
const threeWay = workingForm.chain((base) => fc.tuple(fc.constant(base), editedForm(base), editedForm(base)));

/** The merged document of a clean merge; fails the test when there are conflicts. */
function clean(result: MergeResult): WorkingForm {
  expect(result.conflicts.map((c) => c.path.join("."))).toEqual([]);
  return resolveMerge(result, "ours");
}

/** Arrays sorted by their elements' canonical text: concurrent insertions may come in either order. */
function normalize(value: JsonValue | undefined): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((v) => normalize(v) as JsonValue).sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v) as JsonValue]));
  }
  return value;
}

/** Keeps one side of every conflict block (chosen per block) and drops the markers. */
function keepSides(text: string, choose: (block: number) => "ours" | "theirs"): string {
  const out: string[] = [];
  let state: "outside" | "ours" | "theirs" = "outside";
  let block = -1;
  for (const line of text.split("\n")) {
    if (line.startsWith("<<<<<<<")) {
      state = "ours";
      block++;
    } else if (line.startsWith("=======") && state === "ours") state = "theirs";
    else if (line.startsWith(">>>>>>>")) state = "outside";
    else if (state === "outside" || state === choose(block)) out.push(line);
  }
  return out.join("\n");
}

/** What a value becomes once printed as JSON and read back (-0 becomes 0). */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function parsedWorking(text: string): WorkingForm {
  const parsed = parseAgentLock(text);
  if (parsed.form !== "working") throw new Error(`expected the working form, got ${parsed.form}`);
  return parsed.doc;
}

describe("three-way merge: laws", () => {
  it("merge(x, x, y) == y and merge(x, y, x) == y, without conflicts", () => {
    fc.assert(
      fc.property(workingForm.chain((x) => fc.tuple(fc.constant(x), editedForm(x))), ([x, y]) => {
        expect(jsonEqual(clean(mergeWorkingForms(x, x, y)) as unknown as JsonObject, y as unknown as unknown as JsonObject)).toBe(true);
        expect(jsonEqual(clean(mergeWorkingForms(x, y, x)) as unknown as JsonObject, y as unknown as unknown as JsonObject)).toBe(true);
      }),
    );
  });

  it("merge(b, o, o) == o, without conflicts", () => {
    fc.assert(
      fc.property(threeWay, ([b, o]) => {
        expect(jsonEqual(clean(mergeWorkingForms(b, o, o)) as unknown as JsonObject, o as unknown as JsonObject)).toBe(true);
      }),
    );
  });

  it("is symmetric: swapping ours and theirs swaps them in the conflicts and in the result", () => {
    fc.assert(
      fc.property(threeWay, ([b, o, t]) => {
        const ot = mergeWorkingForms(b, o, t);
        const to = mergeWorkingForms(b, t, o);
        expect(to.conflicts.map((c) => ({ path: c.path, base: c.base, ours: c.theirs, theirs: c.ours }))).toEqual(ot.conflicts);
        expect(normalize(resolveMerge(to, "theirs") as unknown as JsonObject)).toEqual(normalize(resolveMerge(ot, "ours") as unknown as JsonObject));
      }),
      { numRuns: 300 },
    );
  });

  it("edits to different keys never conflict, and both are kept", () => {
    const split = workingForm.chain((base) =>
      fc.tuple(fc.constant(base), editedObject(base.personality), editedObject(base.memory)),
    );
    fc.assert(
      fc.property(split, ([base, personality, memory]) => {
        const ours = { ...base, personality };
        const theirs = { ...base, memory };
        expect(jsonEqual(clean(mergeWorkingForms(base, ours, theirs)) as unknown as JsonObject, { ...base, personality, memory } as unknown as JsonObject)).toBe(true);
      }),
    );
  });

  it("a conflict's text keeps either side of each block as valid JSON, and is refused as it is", () => {
    fc.assert(
      fc.property(threeWay, fc.func(fc.constantFrom("ours" as const, "theirs" as const)), ([b, o, t], choose) => {
        const result = mergeWorkingForms(b, o, t);
        const text = renderConflictText(result.root);
        if (result.conflicts.length === 0) {
          // A clean merge of valid documents is a valid document, printed as the working form.
          expect(text).toBe(serializeWorkingForm(resolveMerge(result, "ours")));
          expect(parsedWorking(text)).toEqual(viaJson(resolveMerge(result, "ours")));
          return;
        }
        let code = "none";
        try {
          parseAgentLock(text);
        } catch (error) {
          code = isBackpackError(error) ? error.code : "other";
        }
        expect(code).toBe("CONFLICT");
        expect(parsedWorking(keepSides(text, () => "ours"))).toEqual(viaJson(resolveMerge(result, "ours")));
        expect(parsedWorking(keepSides(text, () => "theirs"))).toEqual(viaJson(resolveMerge(result, "theirs")));
        expect(() => parsedWorking(keepSides(text, choose))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("three-way merge: cases", () => {
  const base = doc({ personality: { tone: "formal", system_prompt: "You help." }, memory: { facts: ["sky is blue"] } });

  it("one side changes the tone, the other adds memory: no conflict", () => {
    const ours = doc({ ...base, personality: { ...base.personality, tone: "playful" } });
    const theirs = doc({ ...base, memory: { facts: ["sky is blue"], user: "Ada" } });
    expect(clean(mergeWorkingForms(base, ours, theirs))).toEqual(
      doc({ personality: { system_prompt: "You help.", tone: "playful" }, memory: { facts: ["sky is blue"], user: "Ada" } }),
    );
  });

  it("the same key changed differently is one conflict, with the three versions", () => {
    const ours = doc({ ...base, personality: { ...base.personality, tone: "playful" } });
    const theirs = doc({ ...base, personality: { ...base.personality, tone: "terse" } });
    const result = mergeWorkingForms(base, ours, theirs);
    expect(result.conflicts).toEqual([{ path: ["personality", "tone"], base: "formal", ours: "playful", theirs: "terse" }]);
    expect(renderConflictText(result.root)).toContain(
      ['<<<<<<< ours', '    "tone": "playful",', "=======", '    "tone": "terse",', ">>>>>>> theirs", '    "system_prompt": "You help."'].join("\n"),
    );
  });

  it("a deletion wins over an unchanged value, and conflicts with a changed one", () => {
    const deleted = doc({ ...base, personality: { system_prompt: "You help." } });
    expect(clean(mergeWorkingForms(base, deleted, base)).personality).toEqual({ system_prompt: "You help." });
    const changed = doc({ ...base, personality: { ...base.personality, tone: "terse" } });
    const result = mergeWorkingForms(base, deleted, changed);
    expect(result.conflicts).toEqual([{ path: ["personality", "tone"], base: "formal", ours: undefined, theirs: "terse" }]);
    const text = renderConflictText(result.root);
    expect(parsedWorking(keepSides(text, () => "ours")).personality).toEqual({ system_prompt: "You help." });
  });

  it("nested objects merge key by key", () => {
    const b = doc({ personality: { settings: { temperature: 0.2, model: "m1" } } });
    const o = doc({ personality: { settings: { temperature: 0.7, model: "m1" } } });
    const t = doc({ personality: { settings: { temperature: 0.2, model: "m2", top_p: 1 } } });
    expect(clean(mergeWorkingForms(b, o, t)).personality).toEqual({ settings: { model: "m2", temperature: 0.7, top_p: 1 } });
  });

  it("memory lists appended on both sides merge as a union, ours first", () => {
    const o = doc({ memory: { facts: ["sky is blue", "Ada likes tea"] } });
    const t = doc({ memory: { facts: ["sky is blue", "Ada lives in Paris", "Ada likes tea"] } });
    expect(clean(mergeWorkingForms(base, o, t)).memory).toEqual({ facts: ["sky is blue", "Ada likes tea", "Ada lives in Paris"] });
  });

  it("a list trimmed on one side and appended on the other keeps both edits", () => {
    const b = doc({ memory: { log: ["1", "2", "3"] } });
    const o = doc({ memory: { log: ["2", "3"] } });
    const t = doc({ memory: { log: ["1", "2", "3", "4"] } });
    expect(clean(mergeWorkingForms(b, o, t)).memory).toEqual({ log: ["2", "3", "4"] });
  });

  it("the same element rewritten differently makes the list one conflict", () => {
    const b = doc({ memory: { log: ["1", "2", "3"] } });
    const o = doc({ memory: { log: ["1", "two", "3"] } });
    const t = doc({ memory: { log: ["1", "2!", "3"] } });
    expect(mergeWorkingForms(b, o, t).conflicts.map((c) => c.path)).toEqual([["memory", "log"]]);
  });

  it("lists added on both sides (add/add) merge as a union", () => {
    const o = doc({ memory: { todo: ["a"] } });
    const t = doc({ memory: { todo: ["b"] } });
    expect(clean(mergeWorkingForms(undefined, o, t)).memory).toEqual({ todo: ["a", "b"] });
  });

  it("array edits apply the law merge(x, x, y) == y element-wise", () => {
    fc.assert(
      fc.property(fc.array(jsonValue, { maxLength: 6 }).chain((x) => fc.tuple(fc.constant(x), editedArray(x), editedArray(x))), ([x, y, z]) => {
        const b = doc({ memory: { l: x } });
        expect(clean(mergeWorkingForms(b, b, doc({ memory: { l: y } }))).memory.l).toEqual(y);
        // Any two edits: either a clean merge holding every element both kept, or one conflict on the list.
        const both = mergeWorkingForms(b, doc({ memory: { l: y } }), doc({ memory: { l: z } }));
        if (both.conflicts.length > 0) expect(both.conflicts.map((c) => c.path)).toEqual([["memory", "l"]]);
      }),
    );
  });

  it("credentials merge field by field, and conflict whole", () => {
    const b = doc({ credentials: { API: { source: "embedded", value: "one" } } });
    const o = doc({ credentials: { API: { source: "vault" } } });
    const t = doc({ credentials: { API: { source: "embedded", value: "one", description: "prod" } } });
    expect(clean(mergeWorkingForms(b, o, t)).credentials).toEqual({ API: { source: "vault", description: "prod" } });
    const t2 = doc({ credentials: { API: { source: "embedded", value: "two" } } });
    expect(mergeWorkingForms(b, o, t2).conflicts.map((c) => c.path)).toEqual([["credentials", "API"]]);
    // Added on both sides: a field-wise merge would give {"source": <conflict>, "value": "v", "description": "d"}.
    const addOurs = doc({ credentials: { API: { source: "vault", description: "d" } } });
    const addTheirs = doc({ credentials: { API: { source: "embedded", value: "v" } } });
    const added = mergeWorkingForms(undefined, addOurs, addTheirs);
    expect(added.conflicts).toEqual([{ path: ["credentials", "API"], base: undefined, ours: addOurs.credentials.API, theirs: addTheirs.credentials.API }]);
  });

  it("keys named like Object.prototype members are data", () => {
    const b = doc({ memory: { constructor: "a" } });
    const o = doc({ memory: { constructor: "b" } });
    expect(clean(mergeWorkingForms(b, o, b)).memory).toEqual({ constructor: "b" });
    expect(clean(mergeWorkingForms(doc(), doc({ memory: { toString: 1 } }), doc())).memory).toEqual({ toString: 1 });
  });

  it("an object of nothing but one-sided conflicts still resolves to valid JSON either way", () => {
    const b = doc({ memory: { k: { a: 1, b: 1 } } });
    const o = doc({ memory: { k: { b: 2 } } });
    const t = doc({ memory: { k: { a: 2 } } });
    const result = mergeWorkingForms(b, o, t);
    expect(result.conflicts.map((c) => c.path.join("."))).toEqual(["memory.k.a", "memory.k.b"]);
    const text = renderConflictText(result.root);
    for (const pick of [() => "ours" as const, () => "theirs" as const]) {
      expect(parsedWorking(keepSides(text, pick)).memory).toEqual(resolveMerge(result, pick()).memory);
    }
  });

  it("uses the marker size git asks for (%L)", () => {
    const result = mergeWorkingForms(base, doc({ ...base, personality: { tone: "a" } }), doc({ ...base, personality: { tone: "b" } }));
    const text = renderConflictText(result.root, 9);
    expect(text).toMatch(/^<{9} ours$/m);
    expect(text).toMatch(/^>{9} theirs$/m);
    expect(() => parseAgentLock(text)).toThrow(/conflict markers/);
  });
});
