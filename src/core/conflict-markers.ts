/**
 * git-style conflict markers. The merge driver writes them into the working
 * file of a conflicted agent.lock; the clean filter and every command refuse a
 * file that still has them. Zod-free, so textconv can use it.
 */

/** Marker length git uses unless a merge driver is told otherwise (%L). */
export const DEFAULT_MARKER_SIZE = 7;

// Seven or more: git passes a longer %L to nested merges (e.g. a recursive merge base).
const CONFLICT_MARKER = /^(<{7,}|={7,}|>{7,})(\s|$)/m;

/** True when text holds git conflict markers at the start of a line. */
export function hasConflictMarkers(text: string): boolean {
  return CONFLICT_MARKER.test(text);
}
