import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { type FpItem, fpCorpusItems, fpLocalItems, loadFpSources, LOCAL_ROOT } from "../../scripts/fp-corpus.mjs";

// The held-out look-alike corpus: files that hold no secret but look secret-ish (framework .env
// files, lockfiles, Maven coordinates, i18n, JWT docs, CSP nonces, base64 images, compose files,
// Kubernetes Secrets, agent tooling's docs and cassettes). Committed (test/fp-corpus): files written
// by hand in the shapes of the public files first harvested (each names the files it follows in
// sources.json's `shapeOf`), and this project's lockfile. Local only: the public files themselves and
// Nosey Parker's published negative examples (scripts/harvest-fp-corpus.mjs writes them to the local
// corpora's fp-corpus; what `fetch` brings is never committed). Every finding is a false alarm; the cases that are a secret after all are
// set apart in scripts/fp-corpus.mjs, each with its reason.

function score(items: FpItem[]) {
  const scored = items.map((item) => ({ ...item, alarms: scanText({ path: item.path, text: item.text }).map((x) => `${x.rule}@${x.line}`) }));
  const bySource = new Map<string, { n: number; alarms: number }>();
  for (const s of scored) {
    const t = bySource.get(s.source) ?? { n: 0, alarms: 0 };
    t.n++;
    if (s.alarms.length) t.alarms++;
    bySource.set(s.source, t);
  }
  for (const [source, t] of bySource) console.log(`fp corpus, ${source}: false-positive rate ${(t.alarms / t.n).toFixed(3)} (${t.alarms}/${t.n})`);
  const flagged = scored.filter((s) => s.alarms.length > 0);
  if (flagged.length) console.log(flagged.map((s) => `  ${s.label}: ${s.alarms.join(", ")}`).join("\n"));
  return { rate: flagged.length / scored.length, flagged: flagged.length };
}

describe("held-out look-alikes (test/fp-corpus)", () => {
  const sources = loadFpSources();

  it("is broad: written files of many kinds, none fetched", () => {
    const written = sources.files.filter((f) => f.repo === "written");
    expect(written.length).toBe(sources.files.length);
    expect(written.length).toBeGreaterThanOrEqual(140);
    expect(new Set(written.map((f) => f.kind)).size).toBeGreaterThanOrEqual(30);
    expect(Object.keys(sources)).not.toContain("noseyparker");
  });

  it("raises few false alarms (<= 0.03 over all, per source printed)", () => {
    expect(score(fpCorpusItems()).rate).toBeLessThanOrEqual(0.03);
  });
});

const local = fpLocalItems();

describe("held-out look-alikes, the fetched public files and Nosey Parker's negative examples (local only)", () => {
  const name = local
    ? `raises few false alarms (public files <= 0.03; Nosey Parker's near-misses no more than the 5 known) on the harvested look-alikes in ${LOCAL_ROOT}`
    : `skipped: no harvested look-alikes in ${LOCAL_ROOT} (harvest them there with MIRRORS=/path/with/owner+name/repo node scripts/harvest-fp-corpus.mjs, or point BACKPACK_CORPORA at a copy)`;
  it.skipIf(!local)(name, () => {
    const files = local!.filter((i) => i.source === "public files (local)");
    const noseyparker = local!.filter((i) => i.source === "noseyparker (local)");
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(noseyparker.length).toBeGreaterThanOrEqual(100);
    expect(score(files).rate).toBeLessThanOrEqual(0.03);
    // Rule tests' near-misses (a wrong length, another rule's shape), not files as committed: held at the
    // five known (np.generic.5/2 and 5/3, np.newrelic.2/1 and 9/1, np.twitch.1/1: docs/scan.md).
    expect(score(noseyparker).flagged).toBeLessThanOrEqual(5);
  });
});
