import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { CONTEXTS, decompose, halfOf, placeCase } from "../../scripts/gen-context-shift.mjs";
import { formatShiftTable, fprOf, recallOf, scoreContextShift } from "../helpers/context-shift-score.js";

// CONTEXT_SHIFT_FULL=1 scores every development case (about a minute); npm test scores a fixed-seed sample.
const SAMPLE = process.env.CONTEXT_SHIFT_FULL ? 1 : 0.15;

describe("context shift (issue #15): the development cases in file contexts the rules were not tuned on", () => {
  const scores = scoreContextShift({ sample: SAMPLE });

  it("writes each context so that its own text holds no secret", () => {
    for (const context of CONTEXTS) {
      const file = context.render({ name: "retry_count", value: "30", multiline: false });
      expect(scanText({ path: context.path, text: file }).map((f) => `${context.id}: ${f.rule}`)).toEqual([]);
    }
  });

  it("decomposes a case into its name and raw value, and places it in every context's syntax", () => {
    const c = { family: "slack", rule: "r", label: "tp" as const, text: 'var botToken string = "xoxb-«d12»"', src: "s", path: "p" };
    expect(decompose(c)).toEqual({ name: "botToken", value: "xoxb-«d12»" });
    expect(decompose({ ...c, text: "curl -H 'X: y' https://example.com/a b" })).toBeUndefined();
    const go = placeCase(c, CONTEXTS.find((x) => x.id === "go-var-typed")!);
    expect(go?.text).toMatch(/^var botToken string = "xoxb-\d{12}"$/m);
    const make = placeCase(c, CONTEXTS.find((x) => x.id === "makefile-conditional")!);
    expect(make?.text).toMatch(/^BOT_TOKEN \?= xoxb-\d{12}$/m);
    // A look-alike is never placed in a slot whose meaning is fixed (its name would be lost).
    expect(placeCase({ ...c, label: "fp" }, CONTEXTS.find((x) => x.id === "npmrc-auth-token")!)).toBeUndefined();
    expect(CONTEXTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CONTEXTS.map((x) => x.id)).size).toBe(CONTEXTS.length);
    expect([0, 1, 2].map(halfOf)).toEqual(["development", "evaluation", "development"]);
  });

  it("scores each context and both halves next to the old generator, and does not fall back", () => {
    console.log(formatShiftTable(scores));
    const get = (key: string) => scores.tally.get(key);
    // Floors (sample 0.15, seed "context-shift"), the measured values less a case (2026-12-06, after the
    // classes docs/scan.md's context-shift round fixed; before them: development 0.956 / 0.939 claimed / all,
    // evaluation 0.947 / 0.934). A false alarm in the sample's ~1,600 look-alikes per half costs 0.0006.
    const floors: Record<string, { recall: number; fpr: number }> = {
      "half development claimed": { recall: 0.968, fpr: 0.001 },
      "half development all": { recall: 0.963, fpr: 0.001 },
      "half evaluation claimed": { recall: 0.946, fpr: 0.001 },
      "half evaluation all": { recall: 0.936, fpr: 0.001 },
      // Only the cases the old generator's contexts get right: what is lost is the context's.
      "kept half development claimed": { recall: 0.985, fpr: 0.001 },
      "kept half development all": { recall: 0.981, fpr: 0.001 },
      "kept half evaluation claimed": { recall: 0.963, fpr: 0.001 },
      "kept half evaluation all": { recall: 0.954, fpr: 0.001 },
    };
    if (SAMPLE < 1) {
      for (const [key, floor] of Object.entries(floors)) {
        expect(recallOf(get(key)), key).toBeGreaterThanOrEqual(floor.recall);
        expect(fprOf(get(key)), key).toBeLessThanOrEqual(floor.fpr);
      }
    }
    if (process.env.CONTEXT_SHIFT_MISSES) for (const w of scores.developmentWrong) console.log(`${w.verdict} ${w.claimed ? "claimed" : "other"} ${w.kept ? "kept" : "lost"} ${w.context} ${w.src} ${w.rule} ${w.family} ${JSON.stringify(w.text)}`);
  });
});
