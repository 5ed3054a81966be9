/**
 * Three-way merge of agent.lock documents, per layer and per key, recursing
 * through objects (pure). The rules, for each key (and each nested key):
 *
 * - both sides made the same change, or only one side changed it: take it;
 * - both changed it differently: objects on all sides merge key by key, so
 *   two sides changing different keys never conflict;
 * - arrays merge element-wise (a diff3 over elements): edits at different
 *   places combine, and elements inserted at the same place by both sides are
 *   all kept, ours first, an element both inserted only once (a multiset union). Memory lists
 *   appended on two branches thus merge as a union. Overlapping edits that
 *   differ (say, both sides rewrote the same element) make the whole array one
 *   conflict;
 * - a deletion against an unchanged value deletes; against a changed value it
 *   is a conflict, as is anything else changed differently (scalars, a type
 *   changed).
 *
 * Credentials merge field by field too (one side edits a description, the
 * other the value), but a credential is one unit of conflict: any conflict
 * inside it, or a field-wise merge that is no valid credential (a "vault"
 * source from one side with a value from the other, as an add/add can
 * give), makes the whole credential one conflict, so that keeping either
 * side of every conflict always gives a valid document (property tested).
 */
import { diffArrays } from "diff";
import { isRecord } from "./canonical.js";
import { type SealedLayer, extractSealed, hasSealedMark, sealedLayerNames, sealedPlaceholder } from "./sealed.js";
import { LAYER_NAMES } from "./types.js";
import { type JsonObject, type JsonValue, type WorkingForm, credentialSchema } from "./schema.js";

/** A value on one side; undefined when the key is absent there. */
export type Side = JsonValue | undefined;

/**
 * The merge of one value: resolved (undefined = the key is absent from the
 * result), an object some of whose keys conflict, or a conflict.
 */
export type MergedNode =
  | { kind: "resolved"; value: Side }
  | { kind: "object"; entries: [string, MergedNode][] }
  | { kind: "conflict"; base: Side; ours: Side; theirs: Side };

/** One conflicting key: where (layer first), and the three versions of it. */
export interface MergeConflict {
  path: string[];
  base: Side;
  ours: Side;
  theirs: Side;
}

export interface MergeResult {
  /** The merged document, with the key order of the working form. */
  root: MergedNode;
  /** Every conflicting key, in document order. Empty for a clean merge. */
  conflicts: MergeConflict[];
}

/**
 * Merges two working forms against their common base (undefined when the
 * file was added on both sides: an add/add merge against nothing).
 */
export function mergeWorkingForms(base: WorkingForm | undefined, ours: WorkingForm, theirs: WorkingForm): MergeResult {
  const sealed = LAYER_NAMES.filter((l) => base?.sealed?.[l] || ours.sealed?.[l] || theirs.sealed?.[l]);
  const [b, o, t] = [asJson(base), asJson(ours) as JsonObject, asJson(theirs) as JsonObject];
  const root = mergeNode(b, o, t, []);
  if (sealed.length && root.kind === "object") {
    root.entries = root.entries.map(([key, node]) => [key, (sealed as string[]).includes(key) ? mergeSealedLayer(b?.[key], o[key], t[key], [key]) : node]);
  }
  const conflicts: MergeConflict[] = [];
  collectConflicts(root, [], conflicts);
  return { root, conflicts };
}

/** A document as JSON, each sealed layer as its placeholder (without readers: they are not part of it). */
function asJson(doc: WorkingForm | undefined): JsonObject | undefined {
  if (!doc) return undefined;
  const { sealed, ...rest } = doc;
  const json = { ...rest } as unknown as JsonObject;
  for (const layer of sealedLayerNames(sealed)) json[layer] = sealedPlaceholder(sealed?.[layer] as SealedLayer, false);
  return json;
}

/**
 * A layer sealed on some side is one opaque unit: the same on both sides, or
 * changed on one side only, it is taken as a whole; changed on both sides, it
 * is one conflict (only a reader of the layer can merge it). A layer sealed
 * only in the base (both sides opened it) merges two-way.
 */
function mergeSealedLayer(base: Side, ours: Side, theirs: Side, path: string[]): MergedNode {
  if (jsonEqual(ours, theirs)) return { kind: "resolved", value: ours };
  if (jsonEqual(base, ours)) return { kind: "resolved", value: theirs };
  if (jsonEqual(base, theirs)) return { kind: "resolved", value: ours };
  if (!hasSealedMark(ours) && !hasSealedMark(theirs)) return mergeNode(undefined, ours, theirs, path);
  return { kind: "conflict", base, ours, theirs };
}

/** The document the merge gives when every conflict is settled for one side. */
export function resolveMerge(result: MergeResult, side: "ours" | "theirs"): WorkingForm {
  const doc = resolveNode(result.root, side) as unknown as WorkingForm;
  const found = extractSealed(doc as unknown as Record<string, unknown>);
  if (found && sealedLayerNames(found.sealed).length) doc.sealed = found.sealed;
  return doc;
}

/** Structural equality of JSON values (undefined = absent). */
export function jsonEqual(a: Side, b: Side): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

/** An own property only: "constructor" and friends are data here, not Object.prototype. */
function own(object: JsonObject, key: string): Side {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets a key as data (defineProperty: a "__proto__" key never becomes a prototype). */
function put(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

const TOP_LEVEL_ORDER = ["version", "id", "agent", ...LAYER_NAMES];

/** Keys in the order the working form shows them: fixed at the top, sorted below. */
function orderedKeys(objects: JsonObject[], path: string[]): string[] {
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
  if (path.length > 0) return keys;
  const rank = (key: string) => {
    const i = TOP_LEVEL_ORDER.indexOf(key);
    return i < 0 ? TOP_LEVEL_ORDER.length : i;
  };
  return keys.sort((a, b) => rank(a) - rank(b));
}

function mergeNode(base: Side, ours: Side, theirs: Side, path: string[]): MergedNode {
  const merged = mergeFieldwise(base, ours, theirs, path);
  if (path.length === 2 && path[0] === "credentials" && !isValidCredential(merged)) return { kind: "conflict", base, ours, theirs };
  return merged;
}

function isValidCredential(node: MergedNode): boolean {
  if (node.kind !== "resolved") return false;
  return node.value === undefined || credentialSchema.safeParse(node.value).success;
}

function mergeFieldwise(base: Side, ours: Side, theirs: Side, path: string[]): MergedNode {
  if (jsonEqual(ours, theirs)) return { kind: "resolved", value: ours };
  if (jsonEqual(base, ours)) return { kind: "resolved", value: theirs };
  if (jsonEqual(base, theirs)) return { kind: "resolved", value: ours };
  if (isRecord<JsonValue>(ours) && isRecord<JsonValue>(theirs) && (base === undefined || isRecord<JsonValue>(base))) {
    const b = base ?? {};
    const entries: [string, MergedNode][] = orderedKeys([b, ours, theirs], path).map((key) => [
      key,
      mergeNode(own(b, key), own(ours, key), own(theirs, key), [...path, key]),
    ]);
    if (entries.some(([, node]) => node.kind !== "resolved")) return { kind: "object", entries };
    const value: JsonObject = {};
    for (const [key, node] of entries) if (node.kind === "resolved" && node.value !== undefined) put(value, key, node.value);
    return { kind: "resolved", value };
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const value = mergeArrays(base ?? [], ours, theirs);
    if (value) return { kind: "resolved", value };
  }
  return { kind: "conflict", base, ours, theirs };
}

/** One side's change to a base array: base[start, end) replaced by `insert`. */
interface Edit {
  start: number;
  end: number;
  insert: JsonValue[];
}

/** The edits that turn `base` into `side` (a Myers diff over elements). */
function arrayEdits(base: JsonValue[], side: JsonValue[]): Edit[] {
  const edits: Edit[] = [];
  let at = 0;
  let open: Edit | undefined;
  for (const change of diffArrays(base, side, { comparator: jsonEqual })) {
    if (!change.added && !change.removed) {
      if (open) edits.push(open);
      open = undefined;
      at += change.count;
      continue;
    }
    open ??= { start: at, end: at, insert: [] };
    if (change.removed) {
      open.end += change.count;
      at += change.count;
    } else {
      open.insert.push(...change.value);
    }
  }
  if (open) edits.push(open);
  return edits;
}

const isInsertion = (edit: Edit) => edit.start === edit.end;

/** True when two edits touch the same elements (or insert at the same place). */
function overlaps(x: Edit, y: Edit): boolean {
  if (isInsertion(x) && isInsertion(y)) return x.start === y.start;
  if (isInsertion(x)) return y.start < x.start && x.start < y.end;
  if (isInsertion(y)) return x.start < y.start && y.start < x.end;
  return x.start < y.end && y.start < x.end;
}

/**
 * diff3 over array elements. Undefined when the two sides' edits overlap
 * and differ (the caller makes the array a conflict).
 */
function mergeArrays(base: JsonValue[], ours: JsonValue[], theirs: JsonValue[]): JsonValue[] | undefined {
  const a = arrayEdits(base, ours);
  const b = arrayEdits(base, theirs);
  const out: JsonValue[] = [];
  let at = 0;
  const apply = (edit: Edit, insert = edit.insert) => {
    out.push(...base.slice(at, edit.start), ...insert);
    at = edit.end;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && y && overlaps(x, y)) {
      if (x.start === y.start && x.end === y.end && jsonEqual(x.insert, y.insert)) {
        apply(x);
      } else if (isInsertion(x) && isInsertion(y)) {
        apply(x, [...x.insert, ...notIn(y.insert, x.insert)]);
      } else {
        return undefined;
      }
      i++;
      j++;
    } else if (x && (!y || x.start < y.start || (x.start === y.start && x.end <= y.end))) {
      apply(x);
      i++;
    } else if (y) {
      apply(y);
      j++;
    }
  }
  out.push(...base.slice(at));
  return out;
}

/** The items of `items` left once each item of `taken` has cancelled one equal item (a multiset difference). */
function notIn(items: JsonValue[], taken: JsonValue[]): JsonValue[] {
  const left = [...taken];
  return items.filter((item) => {
    const i = left.findIndex((t) => jsonEqual(t, item));
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function collectConflicts(node: MergedNode, path: string[], out: MergeConflict[]): void {
  if (node.kind === "conflict") out.push({ path, base: node.base, ours: node.ours, theirs: node.theirs });
  if (node.kind === "object") for (const [key, child] of node.entries) collectConflicts(child, [...path, key], out);
}

function resolveNode(node: MergedNode, side: "ours" | "theirs"): Side {
  if (node.kind === "resolved") return node.value;
  if (node.kind === "conflict") return node[side];
  const value: JsonObject = {};
  for (const [key, child] of node.entries) {
    const resolved = resolveNode(child, side);
    if (resolved !== undefined) put(value, key, resolved);
  }
  return value;
}
