/**
 * The history of one agent, per layer and per key (pure): `backpack log`.
 * Given the decrypted versions of one agent.lock, commit by commit, says what
 * each commit changed, narrowed to a layer and to a key (a dotted path inside
 * the layer, matching that key and everything under it). Credential values
 * are fingerprints unless the caller opts in, in the JSON shape as in the
 * printed one (layer-diff.ts).
 */
import { type KeyChange, type SectionDiff, diffDocuments } from "./layer-diff.js";
import type { JsonValue, WorkingForm } from "./schema.js";
import { redactionTag } from "./textconv.js";

/** The sections `backpack log --layer` takes: the metadata and the three layers. */
export const HISTORY_SECTIONS = ["agent", "credentials", "personality", "memory"] as const;
export type HistorySection = (typeof HISTORY_SECTIONS)[number];

/** What to keep of each commit's changes. */
export interface HistoryFilter {
  layer?: HistorySection;
  /** Path segments: a change is kept when its path starts with them. */
  key?: string[];
}

/** One commit's version of the file: the document before it (first parent) and after it; undefined where absent. */
export interface VersionPair<Meta> {
  meta: Meta;
  before: WorkingForm | undefined;
  after: WorkingForm | undefined;
}

/** One commit and what it changed (only the sections with a kept change). */
export interface HistoryEntry<Meta> {
  meta: Meta;
  /** "added" / "removed": the file itself appeared or went away in this commit. */
  file: "added" | "removed" | "changed";
  sections: SectionDiff[];
}

/** A change as `backpack log --json` prints it. */
export interface JsonChange {
  layer: HistorySection;
  /** The dotted path inside the layer (segments with dots or spaces JSON-quoted). */
  key: string;
  path: string[];
  kind: KeyChange["kind"];
  before?: JsonValue;
  after?: JsonValue;
}

/** Parses `--key` (a dotted path; a segment with dots or spaces may be JSON-quoted: `settings."top.p"`). */
export function parseKeyPath(text: string): string[] | undefined {
  const segments: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(at));
      if (!quoted) return undefined;
      try {
        segments.push(JSON.parse(quoted[0]) as string);
      } catch {
        return undefined;
      }
      at += quoted[0].length;
    } else {
      const dot = text.indexOf(".", at);
      const end = dot < 0 ? text.length : dot;
      const segment = text.slice(at, end);
      if (segment === "" || segment.includes('"')) return undefined;
      segments.push(segment);
      at = end;
    }
    if (at === text.length) return segments;
    if (text[at] !== "." || at + 1 === text.length) return undefined;
    at++;
  }
}

/** The dotted text of a path, as `--key` takes it. */
export function keyText(path: string[]): string {
  return path.map((key) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key))).join(".");
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** The commits that changed what the filter keeps, newest first as given, each with only those changes. */
export function historyEntries<Meta>(versions: VersionPair<Meta>[], filter: HistoryFilter = {}): HistoryEntry<Meta>[] {
  const entries: HistoryEntry<Meta>[] = [];
  for (const { meta, before, after } of versions) {
    const sections = diffDocuments(before, after)
      .filter(({ section }) => filter.layer === undefined || section === filter.layer)
      .map(({ section, changes }) => ({ section, changes: filter.key ? changes.filter((c) => startsWith(c.path, filter.key as string[])) : changes }))
      .filter(({ changes }) => changes.length > 0);
    if (sections.length === 0) continue;
    entries.push({ meta, file: before === undefined ? "added" : after === undefined ? "removed" : "changed", sections });
  }
  return entries;
}

/** A section's changes as JSON, credential values (all fields but source and description) as fingerprints unless `showSecrets`. */
export function jsonChanges(sections: SectionDiff[], showSecrets = false): JsonChange[] {
  return sections.flatMap(({ section, changes }) =>
    changes.map((change) => {
      const field = change.path[1];
      const redact = section === "credentials" && !showSecrets && field !== "source" && field !== "description";
      const shown = (value: JsonValue | undefined) => (redact && value !== undefined ? redactionTag(change.path[0] ?? "", value) : value);
      const out: JsonChange = { layer: section, key: keyText(change.path), path: change.path, kind: change.kind };
      if (change.before !== undefined) out.before = shown(change.before) as JsonValue;
      if (change.after !== undefined) out.after = shown(change.after) as JsonValue;
      return out;
    }),
  );
}
