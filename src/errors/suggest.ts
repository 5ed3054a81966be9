/** "Did you mean" for names the user typed: the closest candidates by edit distance. */

/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * Candidates close enough to `typed` to be what was meant (at most a third of
 * its length in edits, or containing it), closest first.
 */
export function closestNames(typed: string, candidates: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(typed.length / 3));
  return candidates
    .map((c) => ({ c, d: c.includes(typed) && typed.length >= 3 ? 0 : Math.min(editDistance(typed, c), editDistance(typed, c.split(".").pop() ?? c)) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d)
    .map((x) => x.c);
}
