// `node bench/rule-times.mjs [SHAPE] [--size N]`: each rule's own matching time on each
// adversarial shape (test/helpers/adversarial.mjs), 1 MB by default, in one process: the rules a
// shape's whole-process time (bench/scan.mjs) goes to. A rule counts when the keyword pass lets it
// run; the time is `ruleMatches` drained, as scanText runs it (the windows on a large text), so a
// pattern that makes the engine search everywhere shows here. A tool for changing rules, not a
// benchmark row: times are wall times of one run, so run it on a quiet machine.
// The scanner's internals are not in the bundle's exports: scripts/import-src.mjs bundles them from src/.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { importFromSrc } from "../scripts/import-src.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const sizeAt = args.indexOf("--size");
const size = sizeAt === -1 ? 1_000_000 : Number(args[sizeAt + 1]);
const only = args.find((a, i) => !a.startsWith("--") && (sizeAt === -1 || i !== sizeAt + 1));
if (!Number.isInteger(size) || size <= 0) {
  console.error("rule-times: --size takes a positive whole number of characters");
  process.exit(2);
}

const { RULES, keywordPass, rulesToRun, ruleMatches, scanText } = await importFromSrc(
  `export { RULES } from "./src/scan/rules.ts"; export { keywordPass, rulesToRun, ruleMatches, scanText } from "./src/scan/scanner.ts";`,
);
const { ADVERSARIAL } = await import(pathToFileURL(join(root, "test/helpers/adversarial.mjs")).href);
const shapes = Object.entries(ADVERSARIAL).filter(([shape]) => !only || shape.includes(only));
if (shapes.length === 0) {
  console.error(`rule-times: no adversarial shape's name contains "${only}"`);
  process.exit(2);
}
console.log(`${size.toLocaleString("en")} characters of each shape; ms of wall time: the whole scanText, the keyword pass, then the rules over 10 ms, slowest first`);
// V8 compiles a pattern at its first search: every rule searches a small text of each shape first.
for (const [, make] of shapes) scanText({ path: "input.txt", text: make(10_000) });
for (const [shape, make] of shapes) {
  const text = make(size);
  let at = performance.now();
  scanText({ path: "input.txt", text });
  const scan = performance.now() - at;
  at = performance.now();
  const { present, hits } = keywordPass(text, RULES);
  const pass = performance.now() - at;
  const times = [];
  for (const i of rulesToRun(RULES, present)) {
    const rule = RULES[i];
    at = performance.now();
    for (const _ of ruleMatches(rule, text, hits));
    times.push([rule.id, performance.now() - at]);
  }
  times.sort((a, b) => b[1] - a[1]);
  const slow = times.filter(([, ms]) => ms >= 10).map(([id, ms]) => `${id} ${ms.toFixed(0)}`);
  console.log(`${shape}: scan ${scan.toFixed(0)}, keyword pass ${pass.toFixed(0)}, ${times.length} rules run${slow.length ? `: ${slow.join(", ")}` : ""}`);
}
