import { expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { ALL_CONTEXTS, CONTEXTS, decompose, EIGHTH_SET, EIGHTH_SET_EVERYDAY, EIGHTH_SET_NAME_APART, EVALUATION_CONTEXTS, FIFTH_SET, FOURTH_SET, firstSetHalfOf, halfOf, NINTH_SET, NINTH_SET_AGENT, NINTH_SET_LANGUAGES, placeCase, SECOND_SET, setOf, SEVENTH_SET, SIXTH_SET, TENTH_SET, TENTH_SET_EVERYDAY, TENTH_SET_OUTPUT, THIRD_SET } from "../../scripts/gen-context-shift.mjs";
import { CONTEXT_SHIFT_CASE_FILES, formatShiftTable, fprOf, recallOf, scoreContextShift } from "../helpers/context-shift-score.js";
import { describeLocalCorpus } from "../helpers/local-corpus.js";

// CONTEXT_SHIFT_FULL=1 scores every case in every context (about 17 minutes for sets 1 to 7 on two shared
// cores, more with sets 8 to 10: set 9's 67 contexts alone took 558 s); npm test scores a fixed-seed sample.
const SAMPLE = process.env.CONTEXT_SHIFT_FULL ? 1 : 0.15;

describeLocalCorpus("context shift (issue #15): the development cases in file contexts the rules were not tuned on", CONTEXT_SHIFT_CASE_FILES, () => {
  const scores = scoreContextShift({ sample: SAMPLE });

  it("writes each context so that its own text holds no secret", () => {
    for (const context of ALL_CONTEXTS) {
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
    expect(SECOND_SET.length).toBeGreaterThanOrEqual(30);
    expect(THIRD_SET.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ALL_CONTEXTS.map((x) => x.id)).size).toBe(ALL_CONTEXTS.length);
    // The rule fixed before evaluation set 2 was scored: the first set is development (its former
    // halves named by position), the second set is evaluation.
    expect([0, 1, 2].map(firstSetHalfOf)).toEqual(["development", "evaluation", "development"]);
    // The rule fixed before evaluation set 10 was scored: sets 2 to 9 are development too, set 10 is evaluation.
    expect(FOURTH_SET.length).toBeGreaterThanOrEqual(50);
    expect(FIFTH_SET.length).toBeGreaterThanOrEqual(50);
    expect(SIXTH_SET.length).toBeGreaterThanOrEqual(50);
    expect(SEVENTH_SET.length).toBeGreaterThanOrEqual(60);
    expect(EIGHTH_SET.length).toBeGreaterThanOrEqual(60);
    // Set 8 is written in two halves: the everyday files, then names standing apart from their values.
    expect(EIGHTH_SET).toEqual([...EIGHTH_SET_EVERYDAY, ...EIGHTH_SET_NAME_APART]);
    expect(EIGHTH_SET_EVERYDAY.length).toBeGreaterThanOrEqual(30);
    expect(EIGHTH_SET_NAME_APART.length).toBeGreaterThanOrEqual(30);
    // Set 9 too: the files developers of AI agents commit, then languages and formats the other sets used little.
    expect(NINTH_SET.length).toBeGreaterThanOrEqual(60);
    expect(NINTH_SET).toEqual([...NINTH_SET_AGENT, ...NINTH_SET_LANGUAGES]);
    expect(NINTH_SET_AGENT.length).toBeGreaterThanOrEqual(30);
    expect(NINTH_SET_LANGUAGES.length).toBeGreaterThanOrEqual(30);
    // Set 10 too: the everyday files in idioms no set used, then values in tools' outputs and people's prose.
    expect(TENTH_SET.length).toBeGreaterThanOrEqual(60);
    expect(TENTH_SET).toEqual([...TENTH_SET_EVERYDAY, ...TENTH_SET_OUTPUT]);
    expect(TENTH_SET_EVERYDAY.length).toBeGreaterThanOrEqual(30);
    expect(TENTH_SET_OUTPUT.length).toBeGreaterThanOrEqual(30);
    expect(CONTEXTS.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(SECOND_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(THIRD_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(FOURTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(FIFTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(SIXTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(SEVENTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(EIGHTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(NINTH_SET.map(halfOf).every((h) => h === "development")).toBe(true);
    expect(TENTH_SET.map(halfOf).every((h) => h === "evaluation")).toBe(true);
    expect(EVALUATION_CONTEXTS).toBe(TENTH_SET);
    expect([CONTEXTS[0]!, SECOND_SET[0]!, THIRD_SET[0]!, FOURTH_SET[0]!, FIFTH_SET[0]!, SIXTH_SET[0]!, SEVENTH_SET[0]!, EIGHTH_SET[0]!, EIGHTH_SET.at(-1)!, NINTH_SET[0]!, NINTH_SET.at(-1)!, TENTH_SET[0]!, TENTH_SET.at(-1)!].map(setOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 9, 10, 10]);
    // A context that cannot hold a value's characters does not take it (a Markdown table cell, a `|`).
    const table = THIRD_SET.find((x) => x.id === "markdown-table-cell")!;
    expect(placeCase({ ...c, text: "TOKEN=a|b" }, table)).toBeUndefined();
    expect(placeCase({ ...c, text: "TOKEN=ab" }, table)?.text).toMatch(/^\| `TOKEN` \| `ab` \|/m);
  });

  it("scores each context and both halves next to the old generator, and does not fall back", () => {
    console.log(formatShiftTable(scores));
    const get = (key: string) => (scores.tally.has(key) ? scores.tally.get(key) : undefined);
    // Floors (sample 0.15, seed "context-shift"), the measured values less a case. Since evaluation set 2
    // (2026-12-07) the first set is development and "former" names the half each of its contexts was in;
    // since evaluation set 3 set 2 is development too, since evaluation set 4 set 3, since evaluation set 5 set 4,
    // since evaluation set 6 (the fifth rotation, 2026-12-07) set 5, since evaluation set 7 (the sixth
    // rotation, 2026-12-07) set 6, and since evaluation set 8 (the seventh rotation, 2026-12-07) set 7; the
    // evaluation half is set 8 (every case, untouched at 04a3f75's code: 0.897 claimed, 0.851 every family;
    // docs/scan.md's "Evaluation set 8"). The halves' floors moved with the sets they score (the development
    // half took set 7 in, 0.966 -> 0.946 claimed and 0.958 -> 0.921 every family on 04a3f75's code; the
    // evaluation half is set 8 alone); set 7's own floors were unchanged by that rotation. Set 7 was scored
    // untouched at 09749f4's code (0.802 claimed, 0.655 every family; "Evaluation set 7"). Set 5's, set 3's floors rose with docs/scan.md's "Set 5 as development" (set 5 0.906 ->
    // 0.954 claimed). Set 6's, set 5's, set 3's, set 4's and the development half's rose with "Set 6 as development"
    // (set 6 read as development data before set 7 was merged: 0.921 -> 0.962 claimed, 0.885 -> 0.960 every family in
    // the sample; set 5 0.954 -> 0.959). Set 7's, the development half's and sets 1, 3 to 6's rose with "Set 7 as
    // development: commands and outputs" (scan-set7dev-a: set 7 0.831 -> 0.883 claimed, 0.701 -> 0.786 every family
    // in the sample; the development half 0.947 -> 0.955, 0.922 -> 0.934), and set 7's and the development half's
    // with "Set 7 as development: code, stores and config" (scan-set7dev-b, measured apart: set 7 0.815 -> 0.901
    // claimed, 0.662 -> 0.852 every family); both together, measured on the merge (main f0fa704's rules): set 7 0.954 claimed, 0.937 every family,
    // the development half 0.966 and 0.956; set 8 (evaluation) moved 0.910 -> 0.912 and 0.859 -> 0.860.
    // Since evaluation set 9 (the eighth rotation, 2026-12-07) set 8 is development too and the evaluation half is
    // set 9 (every case, untouched at c0f21b5's code: 0.901 claimed, 0.865 every family; docs/scan.md's "Evaluation
    // set 9"; the sample 0.914 and 0.874). The development half took set 8 in and its floors moved down with it (the
    // sample on c0f21b5: 0.959 claimed, 0.944 every family; false alarms 30/26843 and 44/35297 on its look-alikes,
    // over the former FPR floor 0.001 because set 8 brings 14 and 19 of them); set 8's own floors are unchanged.
    // Set 8's own and the development half's rose with "Set 8 as development: everyday files" (scan-set8dev-a, its
    // everyday half read: set 8 0.912 -> 0.926 claimed, 0.860 -> 0.884 every family in the sample; the development half
    // 0.959 -> 0.961, 0.944 -> 0.948). With "Set 8 as development: names apart" (scan-set8dev-b) merged too, the
    // sample is: set 8 0.970 claimed, 0.965 every family; the development half 0.967, 0.960; set 7 0.961, 0.954; set 9
    // (evaluation) 0.915, 0.876, against 0.914, 0.874 before either: the floors above at these less a case.
    // Since evaluation set 10 (the ninth rotation, 2026-12-07) set 9 is development too and the evaluation half is
    // set 10 (every case, untouched at 4ac030b's code: 0.917 claimed, 0.882 every family; docs/scan.md's
    // "Evaluation set 10"; the sample 0.930 and 0.893, kept 0.948 and 0.913). The development half took set 9 in and
    // its floors moved down with it (the sample on 4ac030b: 0.962 claimed, 0.951 every family, kept 0.979 and 0.970;
    // its FPR floors stay 0.002: 19/30115 and 34/39595); set 9's own floors are unchanged.
    // Set 9's own rose with "Set 9 as development: agent files" (scan-set9dev-a, its agent half read: set 9 0.915 -> 0.929
    // claimed, 0.876 -> 0.909 every family in the sample, kept 0.946 and 0.928; false alarms 3/3272 and
    // 7/4298 as before; sets 1 to 8 as they were): its floors at these less a case. Set 9 is development since set 10's merge: the development half (sets 1 to 9)
    // measures 0.963 claimed, 0.955 every family (kept 0.981, 0.974) on this branch after the rebase: floors at these less a case.
    // With both of set 9's halves merged (and labeled4's false-alarm classes, stop 24's main at 3840f83) the sample is:
    // set 9 0.958 claimed, 0.961 every family (kept 0.976, 0.980); the development half 0.967, 0.962 (kept 0.985,
    // 0.980); set 10, evaluation, by score only 0.930 -> 0.934 and 0.893 -> 0.897 (kept 0.951, 0.917), false alarms as
    // before; sets 1 to 8 as they were. Floors at these less a case.
    // A false alarm in the sample's ~3,400 look-alikes per set costs 0.0003.
    const floors: Record<string, { recall: number; fpr: number }> = {
      "half development claimed": { recall: 0.966, fpr: 0.002 },
      "half development all": { recall: 0.961, fpr: 0.002 },
      "half evaluation claimed": { recall: 0.933, fpr: 0.002 },
      "half evaluation all": { recall: 0.896, fpr: 0.002 },
      "set 1 claimed": { recall: 0.975, fpr: 0.001 },
      "set 1 all": { recall: 0.965, fpr: 0.001 },
      "set 2 claimed": { recall: 0.963, fpr: 0.001 },
      "set 2 all": { recall: 0.957, fpr: 0.001 },
      "set 3 claimed": { recall: 0.963, fpr: 0.002 },
      "set 3 all": { recall: 0.949, fpr: 0.002 },
      "set 4 claimed": { recall: 0.974, fpr: 0.001 },
      "set 4 all": { recall: 0.966, fpr: 0.002 },
      "set 5 claimed": { recall: 0.960, fpr: 0.001 },
      "set 5 all": { recall: 0.954, fpr: 0.001 },
      "set 6 claimed": { recall: 0.967, fpr: 0.001 },
      "set 6 all": { recall: 0.962, fpr: 0.001 },
      "set 7 claimed": { recall: 0.960, fpr: 0.004 },
      "set 7 all": { recall: 0.953, fpr: 0.004 },
      "set 8 claimed": { recall: 0.969, fpr: 0.005 },
      "set 8 all": { recall: 0.964, fpr: 0.005 },
      "set 9 claimed": { recall: 0.957, fpr: 0.002 },
      "set 9 all": { recall: 0.960, fpr: 0.002 },
      "set 10 claimed": { recall: 0.933, fpr: 0.002 },
      "set 10 all": { recall: 0.896, fpr: 0.002 },
      "former development claimed": { recall: 0.974, fpr: 0.001 },
      "former development all": { recall: 0.965, fpr: 0.001 },
      "former evaluation claimed": { recall: 0.975, fpr: 0.001 },
      "former evaluation all": { recall: 0.965, fpr: 0.001 },
      // Only the cases the old generator's contexts get right: what is lost is the context's.
      "kept half development claimed": { recall: 0.984, fpr: 0.002 },
      "kept half development all": { recall: 0.979, fpr: 0.002 },
      "kept half evaluation claimed": { recall: 0.950, fpr: 0.002 },
      "kept half evaluation all": { recall: 0.916, fpr: 0.002 },
      "kept set 2 claimed": { recall: 0.981, fpr: 0.001 },
      "kept set 2 all": { recall: 0.977, fpr: 0.001 },
      "kept set 3 claimed": { recall: 0.981, fpr: 0.002 },
      "kept set 3 all": { recall: 0.969, fpr: 0.002 },
      "kept set 4 claimed": { recall: 0.992, fpr: 0.001 },
      "kept set 4 all": { recall: 0.986, fpr: 0.002 },
      "kept set 5 claimed": { recall: 0.977, fpr: 0.001 },
      "kept set 5 all": { recall: 0.972, fpr: 0.001 },
      "kept set 6 claimed": { recall: 0.984, fpr: 0.001 },
      "kept set 6 all": { recall: 0.980, fpr: 0.001 },
      "kept set 7 claimed": { recall: 0.978, fpr: 0.004 },
      "kept set 7 all": { recall: 0.972, fpr: 0.004 },
      "kept set 8 claimed": { recall: 0.987, fpr: 0.005 },
      "kept set 8 all": { recall: 0.983, fpr: 0.005 },
      "kept set 9 claimed": { recall: 0.975, fpr: 0.002 },
      "kept set 9 all": { recall: 0.979, fpr: 0.002 },
      "kept set 10 claimed": { recall: 0.950, fpr: 0.002 },
      "kept set 10 all": { recall: 0.916, fpr: 0.002 },
      "kept former development claimed": { recall: 0.991, fpr: 0.001 },
      "kept former development all": { recall: 0.983, fpr: 0.001 },
      "kept former evaluation claimed": { recall: 0.992, fpr: 0.001 },
      "kept former evaluation all": { recall: 0.984, fpr: 0.001 },
    };
    if (SAMPLE < 1) {
      for (const [key, floor] of Object.entries(floors)) {
        expect(recallOf(get(key)), key).toBeGreaterThanOrEqual(floor.recall);
        expect(fprOf(get(key)), key).toBeLessThanOrEqual(floor.fpr);
      }
    }
    if (process.env.CONTEXT_SHIFT_MISSES) for (const w of scores.developmentWrong) console.log(`set ${w.set} ${w.former ?? "-"} ${w.verdict} ${w.claimed ? "claimed" : "other"} ${w.kept ? "kept" : "lost"} ${w.context} ${w.src} ${w.rule} ${w.family} ${JSON.stringify(w.text)}`);
  });
});
