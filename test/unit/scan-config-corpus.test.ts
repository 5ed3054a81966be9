import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { CONFIG_CORPUS_FILES, REVIEWED, configCorpusFiles, loadConfigSources, vendorExamples } from "../../scripts/config-corpus.mjs";
import { expandFake } from "../helpers/fake-secrets.mjs";
import documented from "../../src/scan/documented-examples.json" with { type: "json" };

// The config look-alike corpus (harvested by scripts/harvest-config-corpus.mjs): the configuration
// files developers commit, from public repositories (compose files, Helm charts, Kubernetes manifests,
// GitHub Actions workflows, Terraform modules, Ansible roles, Spring and Rails configs, frameworks'
// .env files, agents' cookbooks), and vendors' published example keys written into config files
// (ours, committed). Every flagged file is reviewed by class in scripts/config-corpus.mjs. The
// harvested files are kept on the machine that harvested them, outside git (what `fetch` brings is
// never committed): where they are absent (a fresh clone, CI) their two tests skip, saying so.

const PERMISSIVE = new Set(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CC0-1.0"]);
// 4 in the twelfth round; 3 since the seventh look-alike batch read etcd's `etcd-cluster-k8s` as words.
const FALSE_ALARM_FLOOR = 3;

const ABSENT = `the harvested config files are not on this machine (${CONFIG_CORPUS_FILES.path}): node scripts/harvest-config-corpus.mjs with the snapshots in MIRRORS`;

describe("config look-alikes (test/config-corpus)", () => {
  const sources = loadConfigSources();
  const files = configCorpusFiles() ?? [];
  if (!CONFIG_CORPUS_FILES.present) console.log(`config corpus: skipped, ${ABSENT}`);
  const flagged = new Map<string, string[]>();
  for (const f of files) {
    const found = scanText({ path: f.path, text: f.text });
    if (found.length) flagged.set(`${f.repo}:${f.path}`, found.map((x) => `${x.rule}@${x.line}`));
  }

  it.skipIf(!CONFIG_CORPUS_FILES.present)("is broad: thousands of config files from many repositories, kept only under permissive licences", () => {
    expect(files.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(files.map((f) => f.repo)).size).toBeGreaterThanOrEqual(20);
    for (const r of sources.repos) {
      expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
      if (r.committed) expect(PERMISSIVE.has(r.license), `${r.repo} is ${r.license}`).toBe(true);
    }
    const committed = new Set(sources.repos.filter((r) => r.committed).map((r) => r.repo));
    expect(files.every((f) => committed.has(f.repo))).toBe(true);
  });

  it.skipIf(!CONFIG_CORPUS_FILES.present)("flags few files, each one reviewed (a real secret set apart, or a false alarm of a named class)", () => {
    const byRepo = new Map<string, { n: number; flagged: number }>();
    for (const f of files) {
      const t = byRepo.get(f.repo) ?? { n: 0, flagged: 0 };
      t.n++;
      if (flagged.has(`${f.repo}:${f.path}`)) t.flagged++;
      byRepo.set(f.repo, t);
    }
    for (const [repo, t] of byRepo) if (t.flagged) console.log(`config corpus, ${repo}: files flagged ${t.flagged}/${t.n}`);
    const secrets = Object.entries(REVIEWED).filter(([, r]) => r.verdict === "secret").map(([k]) => k);
    const falseAlarms = [...flagged.keys()].filter((k) => REVIEWED[k]?.verdict !== "secret");
    const scored = files.length - secrets.length;
    console.log(`config corpus: files flagged ${flagged.size}/${files.length}; false alarms ${falseAlarms.length}/${scored} (rate ${(falseAlarms.length / scored).toFixed(4)}), secrets set apart ${secrets.length}`);
    for (const [k, alarms] of flagged) console.log(`  ${k}: ${alarms.join(", ")} (${REVIEWED[k]?.verdict ?? "NOT REVIEWED"}: ${REVIEWED[k]?.class ?? "-"})`);
    // A file flagged that nobody reviewed is a new false alarm (or a secret to set apart, with its reason).
    expect([...flagged.keys()].filter((k) => !REVIEWED[k])).toEqual([]);
    // The secrets set apart are found; the false alarms stay at the floor.
    expect(secrets.filter((k) => !flagged.has(k))).toEqual([]);
    expect(falseAlarms.length).toBeLessThanOrEqual(FALSE_ALARM_FLOOR);
  });

  it("passes every vendor's published example key, each with its source", () => {
    const examples = vendorExamples();
    expect(examples.length).toBeGreaterThanOrEqual(20);
    const alarms: string[] = [];
    for (const e of examples) {
      expect(e.source).toMatch(/^https:\/\//);
      expect(e.allowListedBy.length).toBeGreaterThan(0);
      if (e.doc) expect(Object.keys(documented), e.doc).toContain(e.doc);
      const text = expandFake(e.context.replace("«v»", e.value ?? ""), e.path);
      expect(e.doc ? text.includes((documented as unknown as Record<string, string[]>)[e.doc]?.join("") ?? "\0") : text.includes(e.value ?? "\0")).toBe(true);
      const found = scanText({ path: e.path, text });
      if (found.length) alarms.push(`${e.vendor} (${e.doc ?? e.path}): ${found.map((f) => f.rule).join(", ")}`);
    }
    console.log(`vendor example keys: flagged ${alarms.length}/${examples.length}`);
    expect(alarms).toEqual([]);
  });
});
