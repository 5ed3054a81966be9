/**
 * Scoring the context-shift corpus (scripts/gen-context-shift.mjs): the development cases of the
 * external corpora in other file contexts, per context, per half (development, evaluation), per
 * source, claimed families apart, next to the same cases as scripts/gen-external-corpus.mjs places them.
 */
import { scanText } from "../../src/scan/scanner.js";
import { ALL_CONTEXTS, CONTEXTS, decompose, EIGHTH_SET_EVERYDAY, EIGHTH_SET_NAME_APART, FIFTH_SET, FOURTH_SET, firstSetHalfOf, halfOf, NINTH_SET_AGENT, NINTH_SET_LANGUAGES, placeCase, SECOND_SET, setOf, SEVENTH_SET, SIXTH_SET, TENTH_SET_EVERYDAY, TENTH_SET_OUTPUT, THIRD_SET, type ShiftContext } from "../../scripts/gen-context-shift.mjs";
import { buildExternalCorpus, CASES_FILE, caseVerdict, DEV_FILE, EVAL_FILE, expandExternalFile, HELDOUT_FILE, loadCases, type ExternalCase } from "../../scripts/gen-external-corpus.mjs";
import { ScoreTally, type Score } from "./corpus-score.js";
import { prng } from "./fake-secrets.mjs";

/** The case files the measure places (local corpora: absent on a fresh clone). */
export const CONTEXT_SHIFT_CASE_FILES = [CASES_FILE, DEV_FILE, HELDOUT_FILE, EVAL_FILE];

/** The development cases: every source of cases.json, dev.json, heldout.json, and eval.json's fake-leaks. */
export function developmentCases(): ExternalCase[] {
  return CONTEXT_SHIFT_CASE_FILES.flatMap((file) => loadCases(file).cases.filter((c) => c.src !== "betterleaks" && c.src !== "leaky-repo"));
}

/**
 * Scores by key: `ctx <id> claimed|all`, `half <half> claimed|all`, `half <half> <src> claimed|all`,
 * `former <half> claimed|all` (the first set's contexts by the half they were in before evaluation set 2),
 * `set <1|2|3|4|5|6|7|8|9|10> claimed|all` and `set <n> <src> claimed|all` (each set of contexts apart),
 * `old <src> claimed|all`, and `kept ctx|half|former ...` on the cases the old generator gets right.
 */
export interface ShiftScores {
  tally: ScoreTally;
  /** Misses and false alarms on the DEVELOPMENT half only (evaluation misses are never listed). */
  developmentWrong: Array<{ context: string; set: number; former: "development" | "evaluation" | undefined; verdict: "missed" | "false alarm"; claimed: boolean; kept: boolean; src: string; rule: string; family: string; text: string }>;
  /** Placeable cases scored, and cases not placeable (whole files, multi-line snippets, commands). */
  placed: number;
  notPlaceable: number;
}

// NaN where a key has no case of the kind: a floor on a key that scored nothing fails.
export const recallOf = (t: Score | undefined): number => (t && t.positives ? t.found / t.positives : NaN);
export const fprOf = (t: Score | undefined): number => (t && t.negatives ? t.alarms / t.negatives : NaN);

/**
 * Scans each counted case (placeholder positives and disputed look-alikes set apart, as the corpora
 * tests do) in every context; `sample` keeps that fraction of the cases, drawn with a fixed seed.
 */
export function scoreContextShift({ sample = 1, cases = developmentCases(), contexts = ALL_CONTEXTS }: { sample?: number; cases?: ExternalCase[]; contexts?: readonly ShiftContext[] } = {}): ShiftScores {
  const tally = new ScoreTally();
  const bump = (key: string, label: string, hit: boolean) => tally.add([key], label, hit);
  const random = prng("context-shift");
  const chosen = cases.filter(() => random() < sample);
  // The same cases as the old generator places them (each of its copies counted, as its corpora tests
  // do); a case it gets right in every copy is "kept": the rows `kept` score those only, so what a
  // context loses is the context's, not the case's.
  const oldRight = new Map<string, boolean>();
  const oldFiles = buildExternalCorpus({ cases: chosen })
    .filter((f) => !((f.label === "tp" && f.placeholder) || f.disputed))
    .map((f) => {
      const hit = scanText({ path: f.path, text: expandExternalFile(f) }).length > 0;
      const key = f.seed.replace(/\d+$/, "");
      oldRight.set(key, (oldRight.get(key) ?? true) && hit === (f.label === "tp"));
      return { f, key, hit };
    });
  const developmentWrong: ShiftScores["developmentWrong"] = [];
  const keys = new Set<string>();
  let placed = 0;
  let notPlaceable = 0;
  for (const c of chosen) {
    const verdict = caseVerdict(c);
    if ((c.label === "tp" && verdict.placeholder) || verdict.disputed) continue;
    const parts = decompose(c);
    if (!parts) {
      notPlaceable++;
      continue;
    }
    placed++;
    const key = `${c.src}:${c.rule}:${c.text}:`;
    keys.add(key);
    const kept = oldRight.get(key) === true;
    const scopes = verdict.claimed ? ["claimed", "all"] : ["all"];
    contexts.forEach((context) => {
      const file = placeCase(c, context, parts);
      if (!file) return;
      const hit = scanText(file).length > 0;
      const half = halfOf(context);
      const firstSetIndex = CONTEXTS.indexOf(context);
      const former = firstSetIndex >= 0 ? firstSetHalfOf(firstSetIndex) : undefined;
      const set = setOf(context);
      for (const scope of scopes) {
        bump(`ctx ${context.id} ${scope}`, c.label, hit);
        bump(`half ${half} ${scope}`, c.label, hit);
        bump(`half ${half} ${c.src} ${scope}`, c.label, hit);
        bump(`set ${set} ${scope}`, c.label, hit);
        bump(`set ${set} ${c.src} ${scope}`, c.label, hit);
        if (former) {
          bump(`former ${former} ${scope}`, c.label, hit);
          bump(`former ${former} ${c.src} ${scope}`, c.label, hit);
        }
        if (kept) {
          bump(`kept ctx ${context.id} ${scope}`, c.label, hit);
          bump(`kept half ${half} ${scope}`, c.label, hit);
          bump(`kept set ${set} ${scope}`, c.label, hit);
          if (former) bump(`kept former ${former} ${scope}`, c.label, hit);
        }
      }
      if (half === "development" && hit !== (c.label === "tp")) {
        developmentWrong.push({ context: context.id, set, former, verdict: hit ? "false alarm" : "missed", claimed: verdict.claimed, kept, src: c.src, rule: c.rule, family: verdict.family, text: c.text });
      }
    });
  }
  for (const { f, key, hit } of oldFiles) {
    if (!keys.has(key)) continue;
    for (const scope of f.claimed ? ["claimed", "all"] : ["all"]) {
      bump(`old ${f.src} ${scope}`, f.label, hit);
      bump(`old all-sources ${scope}`, f.label, hit);
    }
  }
  return { tally, developmentWrong, placed, notPlaceable };
}

/** The table the test prints: one row per context, then the halves, per source, and the old generator. */
export function formatShiftTable(scores: ShiftScores): string {
  const cell = (key: string) => {
    if (!scores.tally.has(key)) return "-";
    const t = scores.tally.get(key);
    const r = t.positives ? `${recallOf(t).toFixed(3)} (${t.found}/${t.positives})` : "-";
    const f = t.negatives ? `${fprOf(t).toFixed(3)} (${t.alarms}/${t.negatives})` : "-";
    return `recall ${r}, FPR ${f}`;
  };
  const lines = [`context shift: ${scores.placed} cases placed, ${scores.notPlaceable} not placeable`];
  const row = (c: ShiftContext, tag: string) =>
    lines.push(`${tag} ${c.id}${c.inOldGenerator ? " (old generator has it)" : ""}: claimed ${cell(`ctx ${c.id} claimed`)}; all ${cell(`ctx ${c.id} all`)}; kept: claimed ${cell(`kept ctx ${c.id} claimed`)}; all ${cell(`kept ctx ${c.id} all`)}`);
  // The first set is development; its tag says the half it was in before evaluation set 2 (dev, ev1).
  CONTEXTS.forEach((c, i) => row(c, firstSetHalfOf(i) === "development" ? "dev" : "ev1"));
  // Set 2 is development since evaluation set 3 (its tag: s2), set 3 since evaluation set 4 (s3), set 4
  // since evaluation set 5 (s4), set 5 since evaluation set 6 (s5), set 6 since evaluation set 7 (s6), set 7
  // since evaluation set 8 (s7), set 8 since evaluation set 9 (s8e its everyday half, s8n its name-apart half),
  // set 9 since evaluation set 10 (s9a its agent half, s9l its languages half); set 10 is evaluation (ev10e its
  // everyday half, ev10o its output half).
  SECOND_SET.forEach((c) => row(c, "s2"));
  THIRD_SET.forEach((c) => row(c, "s3"));
  FOURTH_SET.forEach((c) => row(c, "s4"));
  FIFTH_SET.forEach((c) => row(c, "s5"));
  SIXTH_SET.forEach((c) => row(c, "s6"));
  SEVENTH_SET.forEach((c) => row(c, "s7"));
  EIGHTH_SET_EVERYDAY.forEach((c) => row(c, "s8e"));
  EIGHTH_SET_NAME_APART.forEach((c) => row(c, "s8n"));
  NINTH_SET_AGENT.forEach((c) => row(c, "s9a"));
  NINTH_SET_LANGUAGES.forEach((c) => row(c, "s9l"));
  TENTH_SET_EVERYDAY.forEach((c) => row(c, "ev10e"));
  TENTH_SET_OUTPUT.forEach((c) => row(c, "ev10o"));
  const srcs = [...new Set([...scores.tally.keys()].filter((k) => k.startsWith("old ")).map((k) => k.split(" ")[1]))].sort();
  for (const half of ["development", "evaluation"]) {
    lines.push(`${half} half: claimed ${cell(`half ${half} claimed`)}; all ${cell(`half ${half} all`)}`);
    lines.push(`${half} half, cases the old generator gets right (kept): claimed ${cell(`kept half ${half} claimed`)}; all ${cell(`kept half ${half} all`)}`);
    for (const src of srcs) if (src !== "all-sources") lines.push(`  ${half} ${src}: claimed ${cell(`half ${half} ${src} claimed`)}; all ${cell(`half ${half} ${src} all`)}`);
  }
  for (const set of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    lines.push(`set ${set}: claimed ${cell(`set ${set} claimed`)}; all ${cell(`set ${set} all`)}; kept: claimed ${cell(`kept set ${set} claimed`)}; all ${cell(`kept set ${set} all`)}`);
    for (const src of srcs) if (src !== "all-sources") lines.push(`  set ${set} ${src}: claimed ${cell(`set ${set} ${src} claimed`)}; all ${cell(`set ${set} ${src} all`)}`);
  }
  for (const former of ["development", "evaluation"]) {
    lines.push(`first set, former ${former} half: claimed ${cell(`former ${former} claimed`)}; all ${cell(`former ${former} all`)}; kept: claimed ${cell(`kept former ${former} claimed`)}; all ${cell(`kept former ${former} all`)}`);
    for (const src of srcs) if (src !== "all-sources") lines.push(`  former ${former} ${src}: claimed ${cell(`former ${former} ${src} claimed`)}; all ${cell(`former ${former} ${src} all`)}`);
  }
  for (const src of srcs) lines.push(`old generator, same cases, ${src}: claimed ${cell(`old ${src} claimed`)}; all ${cell(`old ${src} all`)}`);
  return lines.join("\n");
}
