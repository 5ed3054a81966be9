/**
 * The working text of a conflicted merge: the working form's JSON with a
 * git-style conflict block for each conflicting key (pure).
 *
 *   "personality": {
 *   <<<<<<< ours
 *     "tone": "formal",
 *   =======
 *     "tone": "playful",
 *   >>>>>>> theirs
 *     "system_prompt": "..."
 *   },
 *
 * Keeping either side of every block, and deleting the marker lines, gives
 * valid JSON: in each object the conflict blocks come first and the merged
 * keys after them, so a block's lines always take a comma; when an object
 * holds nothing but conflicts, the blocks are ordered (or, as a last resort,
 * joined into one) so that the last line kept never ends in a comma.
 */
import { sortKeysDeep } from "./canonical.js";
import { DEFAULT_MARKER_SIZE } from "./conflict-markers.js";
import { serializeWorkingForm } from "./layers.js";
import type { MergedNode } from "./merge.js";
import type { JsonValue, WorkingForm } from "./schema.js";

/** Labels after the markers, as git shows branch names. */
export const OURS_LABEL = "ours";
export const THEIRS_LABEL = "theirs";

interface Block {
  ours: [string, JsonValue][];
  theirs: [string, JsonValue][];
}

/**
 * The marked-up working text of a merge with conflicts (%L sets the marker
 * size); the plain working form when there are none.
 */
export function renderConflictText(root: MergedNode, markerSize = DEFAULT_MARKER_SIZE): string {
  if (root.kind === "resolved") return serializeWorkingForm(root.value as unknown as WorkingForm);
  const markers = {
    ours: `${"<".repeat(markerSize)} ${OURS_LABEL}`,
    middle: "=".repeat(markerSize),
    theirs: `${">".repeat(markerSize)} ${THEIRS_LABEL}`,
  };
  return `${nodeLines(root, 0, markers).join("\n")}\n`;
}

type Markers = { ours: string; middle: string; theirs: string };

function nodeLines(node: MergedNode, depth: number, markers: Markers): string[] {
  if (node.kind === "resolved") return valueLines(node.value ?? null, depth);
  if (node.kind === "conflict") {
    // Only reached for a conflict at the root, which valid working forms cannot produce.
    return [markers.ours, ...valueLines(node.ours ?? null, depth), markers.middle, ...valueLines(node.theirs ?? null, depth), markers.theirs];
  }
  const pad = "  ".repeat(depth + 1);
  const entry = (key: string, value: JsonValue, comma: boolean): string[] => {
    const lines = valueLines(value, depth + 1);
    lines[0] = `${pad}${JSON.stringify(key)}: ${lines[0]}`;
    if (comma) lines[lines.length - 1] += ",";
    return lines;
  };

  const rest: { key: string; node: MergedNode }[] = [];
  const blocks: Block[] = [];
  for (const [key, child] of node.entries) {
    if (child.kind === "conflict") {
      blocks.push({ ours: child.ours === undefined ? [] : [[key, child.ours]], theirs: child.theirs === undefined ? [] : [[key, child.theirs]] });
    } else if (child.kind === "object" || child.value !== undefined) {
      rest.push({ key, node: child });
    }
  }
  const ordered = rest.length > 0 ? blocks : orderBlocksAlone(blocks);

  const lines = ["{"];
  ordered.forEach((block, i) => {
    // A side's entries take a comma unless they are the very last thing in the object.
    const last = rest.length === 0 && i === ordered.length - 1;
    const side = (entries: [string, JsonValue][]) => entries.flatMap(([key, value], k) => entry(key, value, !(last && k === entries.length - 1)));
    lines.push(markers.ours, ...side(block.ours), markers.middle, ...side(block.theirs), markers.theirs);
  });
  rest.forEach(({ key, node: child }, i) => {
    const comma = i < rest.length - 1;
    if (child.kind === "resolved") {
      lines.push(...entry(key, child.value as JsonValue, comma));
      return;
    }
    const inner = nodeLines(child, depth + 1, markers);
    inner[0] = `${pad}${JSON.stringify(key)}: ${inner[0]}`;
    if (comma) inner[inner.length - 1] += ",";
    lines.push(...inner);
  });
  lines.push(`${"  ".repeat(depth)}}`);
  return lines;
}

/**
 * Orders the blocks of an object that has nothing else: a block present on
 * both sides goes last (its lines take no comma, whichever side is kept);
 * when every block lacks one side, they are joined into one block.
 */
function orderBlocksAlone(blocks: Block[]): Block[] {
  const full = blocks.filter((b) => b.ours.length > 0 && b.theirs.length > 0);
  const partial = blocks.filter((b) => b.ours.length === 0 || b.theirs.length === 0);
  if (full.length > 0 || partial.length <= 1) return [...partial, ...full];
  return [{ ours: partial.flatMap((b) => b.ours), theirs: partial.flatMap((b) => b.theirs) }];
}

/** A value as the working form prints it (2-space JSON, sorted keys), one entry per line. */
function valueLines(value: JsonValue, depth: number): string[] {
  const lines = JSON.stringify(sortKeysDeep(value), null, 2).split("\n");
  const pad = "  ".repeat(depth);
  return lines.map((line, i) => (i === 0 ? line : pad + line));
}
