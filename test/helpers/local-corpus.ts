/**
 * Tests over corpora harvested from snapshots that `fetch` brought (other scanners' test cases, public
 * repositories' files). Those are never committed (the tool library's rule), so they live on the machine
 * that harvested them (scripts/local-corpora.mjs). Where a file is absent (a fresh clone, CI) the block's
 * body, which reads it, does not run: one skipped test names what is missing and how to harvest it.
 */
import { existsSync } from "node:fs";
import { describe, it } from "vitest";

export function describeLocalCorpus(name: string, files: string[], body: () => void): void {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return void describe(name, body);
  describe(name, () => {
    it.skip(`not on this machine: ${missing.join(", ")} (harvest it with scripts/harvest-*.mjs from the snapshots in MIRRORS; kept outside git)`);
  });
}
