/**
 * What changed between two versions of an agent.lock, per layer and per key
 * (pure): `backpack diff`'s summary. Keys are leaves reached through objects
 * (dotted paths); arrays and scalars are values. Long strings (a system
 * prompt) and arrays changed in place get a line diff, with a little context.
 * Credential values show as fingerprints unless the caller opts in.
 */
import { structuredPatch } from "diff";
import { canonicalJson } from "./canonical.js";
import { describeSealed } from "./sealed.js";
import { LAYER_NAMES } from "./types.js";
import type { JsonValue, WorkingForm } from "./schema.js";
import { redactionTag } from "./textconv.js";

export type ChangeKind = "added" | "removed" | "changed";

/** One key whose value differs. */
export interface KeyChange {
  path: string[];
  kind: ChangeKind;
  before?: JsonValue;
  after?: JsonValue;
}

/** A section (the metadata or a layer) and what changed in it. */
export interface SectionDiff {
  section: "agent" | (typeof LAYER_NAMES)[number];
  changes: KeyChange[];
  /** Set when the layer is sealed on a side (a team layer this user cannot open): only whether its token changed is known. */
  sealed?: { changed: boolean; readers?: string[] };
}

/** A printed line, with what it shows (for colour). */
export interface DiffLine {
  kind: "heading" | "section" | "added" | "removed" | "changed" | "context";
  text: string;
}

export interface FormatOptions {
  showSecrets?: boolean;
}

/** A string longer than this (or with a newline) is shown as a line diff. */
const LONG_STRING = 60;
/** Lines of context around a changed line in a line diff. */
const CONTEXT_LINES = 2;

/** What changed from `before` to `after` (undefined: the file is absent on that side). */
export function diffDocuments(before: WorkingForm | undefined, after: WorkingForm | undefined): SectionDiff[] {
  const sections: SectionDiff[] = [];
  const agentChanges = diffLeaves(leaves(before?.agent), leaves(after?.agent));
  if (agentChanges.length > 0) sections.push({ section: "agent", changes: agentChanges });
  for (const layer of LAYER_NAMES) {
    const was = before?.sealed?.[layer];
    const now = after?.sealed?.[layer];
    if (was || now) {
      const readers = (now ?? was)?.readers;
      sections.push({ section: layer, changes: [], sealed: { changed: was?.token !== now?.token, ...(readers ? { readers } : {}) } });
      continue;
    }
    sections.push({ section: layer, changes: diffLeaves(leaves(before?.[layer]), leaves(after?.[layer])) });
  }
  return sections;
}

/** True when nothing changed at all. */
export function isUnchanged(sections: SectionDiff[]): boolean {
  return sections.every((s) => s.changes.length === 0 && !s.sealed?.changed);
}

/** The summary as lines: a line per section with its counts, then a line (or a line diff) per key. */
export function formatDocumentDiff(sections: SectionDiff[], options: FormatOptions = {}): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const { section, changes, sealed } of sections) {
    if (sealed) {
      const who = describeSealed({ token: "", key: "", ...(sealed.readers ? { readers: sealed.readers } : {}) });
      lines.push({ kind: "section", text: `[${section}] ${who}: ${sealed.changed ? "changed (you cannot open it)" : "unchanged"}` });
      continue;
    }
    const counts = (["added", "removed", "changed"] as const)
      .map((kind) => [kind, changes.filter((c) => c.kind === kind).length] as const)
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => `${n} ${kind}`);
    lines.push({ kind: "section", text: `[${section}] ${counts.length > 0 ? counts.join(", ") : "unchanged"}` });
    for (const change of changes) lines.push(...changeLines(change, section === "credentials" && !options.showSecrets));
  }
  return lines;
}

type Leaves = Map<string, { path: string[]; value: JsonValue }>;

/** The leaves of a value, by path (objects recursed; empty objects, arrays, scalars are leaves). */
function leaves(value: JsonValue | undefined, path: string[] = [], out: Leaves = new Map()): Leaves {
  if (value === undefined) return out;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && (Object.keys(value).length > 0 || path.length === 0)) {
    for (const key of Object.keys(value).sort()) leaves(value[key], [...path, key], out);
    return out;
  }
  out.set(JSON.stringify(path), { path, value });
  return out;
}

function diffLeaves(before: Leaves, after: Leaves): KeyChange[] {
  const changes: KeyChange[] = [];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    if (b && a) {
      if (canonicalJson(b.value) !== canonicalJson(a.value)) changes.push({ path: a.path, kind: "changed", before: b.value, after: a.value });
    } else if (a) {
      changes.push({ path: a.path, kind: "added", after: a.value });
    } else if (b) {
      changes.push({ path: b.path, kind: "removed", before: b.value });
    }
  }
  return changes;
}

function pathText(path: string[]): string {
  return path.map((key) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key))).join(".");
}

/** A credential's value (anything but its source and description) as its fingerprint. */
function shown(change: KeyChange, value: JsonValue | undefined, redact: boolean): string {
  const field = change.path[1];
  if (redact && value !== undefined && field !== "source" && field !== "description") return redactionTag(change.path[0] ?? "", value);
  return JSON.stringify(value);
}

/** The lines a value is compared by: a string's lines, an array's elements. */
function asLines(value: JsonValue | undefined): string[] | undefined {
  if (typeof value === "string" && (value.includes("\n") || value.length > LONG_STRING)) return value.split("\n");
  if (Array.isArray(value)) return value.map((item) => canonicalJson(item));
  return undefined;
}

function changeLines(change: KeyChange, redact: boolean): DiffLine[] {
  const at = pathText(change.path);
  const credentialValue = redact && change.path[1] !== "source" && change.path[1] !== "description";
  const beforeLines = credentialValue ? undefined : asLines(change.before);
  const afterLines = credentialValue ? undefined : asLines(change.after);
  if (change.kind === "added" || change.kind === "removed") {
    const sign = change.kind === "added" ? "+" : "-";
    const value = change.kind === "added" ? change.after : change.before;
    const lines = change.kind === "added" ? afterLines : beforeLines;
    if (!lines) return [{ kind: change.kind, text: `  ${sign} ${at}: ${shown(change, value, redact)}` }];
    return [{ kind: change.kind, text: `  ${sign} ${at}:` }, ...lines.map((line) => ({ kind: change.kind, text: `      ${sign} ${line}` }))];
  }
  if (!beforeLines || !afterLines) {
    return [{ kind: "changed", text: `  ~ ${at}: ${shown(change, change.before, redact)} → ${shown(change, change.after, redact)}` }];
  }
  const patch = structuredPatch("", "", `${beforeLines.join("\n")}\n`, `${afterLines.join("\n")}\n`, "", "", { context: CONTEXT_LINES });
  const lines: DiffLine[] = [{ kind: "changed", text: `  ~ ${at}:` }];
  patch.hunks.forEach((hunk, i) => {
    if (i > 0) lines.push({ kind: "context", text: "      ..." });
    for (const line of hunk.lines) {
      const sign = line[0];
      const kind = sign === "+" ? "added" : sign === "-" ? "removed" : "context";
      lines.push({ kind, text: `      ${sign === " " ? " " : sign} ${line.slice(1)}` });
    }
  });
  return lines;
}
