/**
 * A rule's gate (PatternRule.gate) skips its pattern on a text the gate does not match, so it must be
 * something every match of the pattern holds: else a secret would go unfound. Held on the labeled
 * corpus, every rule's examples and random texts built from the pieces the gated patterns read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, expandCorpusFile } from "../../scripts/gen-corpus.mjs";
import { RULES } from "../../src/scan/rules.js";
import type { PatternRule } from "../../src/scan/rules.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

const GATED = RULES.filter((rule): rule is PatternRule & { gate: NonNullable<PatternRule["gate"]> } => rule.gate !== undefined);

/** Every match of the rule's own pattern in `text`, each of which the gate must match. */
function matchesOf(rule: PatternRule, text: string): string[] {
  const re = new RegExp(rule.pattern.source, rule.pattern.flags);
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    out.push(m[0]);
  }
  return out;
}

function texts(): string[] {
  const { files } = JSON.parse(readFileSync(join(CORPUS_DIR, "labels.json"), "utf8")) as { files: Array<{ path: string }> };
  const corpus = files.map((f) => expandCorpusFile(f.path, readFileSync(join(CORPUS_DIR, f.path), "utf8")));
  const examples = RULES.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative].map((template, i) => expandFake(template, `${rule.id}-${i}`)));
  // Each gated rule's shortest value, so that a gate stricter than its pattern fails here.
  const shortest = ['cloudflare: "«A12»"', "clockify:\n  key: «A14»", 'pandadoc = { auth = "«A14»" }', "clockify token «A16»", "clockify api key is «A16»"].map((template, i) => expandFake(template, `shortest-${i}`));
  return [...corpus, ...examples, ...shortest];
}

describe("a rule's gate", () => {
  it("is held by every match of the rule's pattern, on the corpus and every rule's examples", () => {
    expect(GATED.map((r) => r.id)).toEqual(expect.arrayContaining(["vendor-named-secret", "vendor-section-key", "vendor-named-secret-in-prose"]));
    const all = texts();
    for (const rule of GATED) {
      // `test` with a global or sticky gate would start where the last call stopped.
      if (rule.gate instanceof RegExp) expect(rule.gate.global || rule.gate.sticky, rule.id).toBe(false);
      let matched = 0;
      for (const text of all) {
        for (const match of matchesOf(rule, text)) {
          matched++;
          expect(rule.gate.test(match), `${rule.id}: a match its gate misses`).toBe(true);
        }
      }
      // The check saw matches of this rule to hold (its positive examples at least).
      expect(matched, rule.id).toBeGreaterThanOrEqual(rule.examples.positive.length);
    }
  });

  it("is held by every match on random texts of names, operators, quotes, spaces and values", () => {
    const piece = fc.constantFrom("cloudflare", "SUMO_ACCESS_ID", "sumologic", "artifactory", "clockify", "pandadoc", "_key", "Token", "key", "KEY", "auth", "pat", "api_", "secret", "credentials", " is ", "-> ", "{", "[", "]", "  ", "=", ":", ":=", "=>", "?=", ",", '"', "'", "`", " ", "\t", "\n", "Ab3dE", "9f8e7d6c5b4a", "-", ".", "/", "+", "==");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        for (const rule of GATED) for (const match of matchesOf(rule, text)) expect(rule.gate.test(match), `${rule.id} on ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });
});

describe("a gate that says where its matches are", () => {
  const WINDOWED = GATED.filter((rule) => rule.gate.windows !== undefined);

  /** Every match of the rule starts at most `within` characters before one of the gate's offsets, and the offsets are in order. */
  function expectWithinWindows(rule: (typeof WINDOWED)[number], text: string, label: string): number {
    const windows = rule.gate.windows?.(text);
    if (!windows) throw new Error(`${rule.id}: no windows`);
    const at = Array.from(windows.at);
    expect(at, `${rule.id} on ${label}: in order`).toEqual([...at].sort((a, b) => a - b));
    // As `test` says: no offsets, no match (and the other way round).
    expect(at.length > 0, `${rule.id} on ${label}`).toBe(rule.gate.test(text));
    let matched = 0;
    const re = new RegExp(rule.pattern.source, rule.pattern.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const start = m.index;
      expect(at.some((offset) => offset >= start && offset - windows.within <= start), `${rule.id}: a match at ${start} of ${label} outside the gate's windows`).toBe(true);
      matched++;
    }
    return matched;
  }

  it("holds every match of the rule's pattern in its windows, on the corpus, every rule's examples and random texts", () => {
    expect(WINDOWED.map((r) => r.id)).toContain("vendor-named-secret");
    const all = texts();
    for (const rule of WINDOWED) {
      let matched = 0;
      all.forEach((text, i) => (matched += expectWithinWindows(rule, text, `text ${i}`)));
      expect(matched, rule.id).toBeGreaterThanOrEqual(rule.examples.positive.length);
    }
    const piece = fc.constantFrom("cloudflare", "SUMO_ACCESS_ID", "sumologic", "artifactory", "clockify", "_key", "Token", "key", " is ", "{", "  ", "=", ":", ":=", "=>", "?=", ",", '"', "'", "`", " ", "\t", "\n", "Ab3dE", "9f8e7d6c5b4a", "-", ".", "/", "+", "==", "x".repeat(50));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        for (const rule of WINDOWED) expectWithinWindows(rule, parts.join(""), JSON.stringify(parts.join("")));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("long-token-assignment's gate", () => {
  // Its pattern was /(?:^|[^X])[X]{201}/, which tried at every character (100 ms on 10 MB of source); the run is now
  // read from its end backwards. The same verdicts as that pattern, on runs around the length and texts of pieces.
  const gate = RULES.find((rule) => rule.id === "long-token-assignment")?.gate as NonNullable<PatternRule["gate"]>;
  const reference = /(?:^|[^A-Za-z0-9_+/.~-])[A-Za-z0-9_+/.~-]{201}/;

  it("holds where a run of 201 of a token's characters is, as that pattern did", () => {
    for (const length of [0, 1, 199, 200, 201, 202, 400, 401, 402, 5000]) {
      for (const [before, after] of [["", ""], [" ", ""], ["", "\n"], ["é", "é"], ["a b", "c d"]]) {
        for (const unit of ["a", "Z9", "+/.~-_", "aé"]) {
          const text = `${before}${unit.repeat(length).slice(0, length)}${after}`;
          expect(gate.test(text), `${length} of ${unit}`).toBe(reference.test(text));
        }
      }
    }
    const piece = fc.constantFrom("a".repeat(50), "b".repeat(100), "Xy9+/".repeat(20), " ", "\n", "é", "=", "a", ".", "~");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(gate.test(text), JSON.stringify(parts)).toBe(reference.test(text));
      }),
      { numRuns: 4000 },
    );
  });
});
