// Prints vitest's totals as the plain closing line CI reads: "N passed, N failed, N skipped".
// A test file that fails to load has no failed test of its own: it counts as one.
// A missing or unreadable report (the build, typecheck or lint failed first) counts as one.
import { readFileSync } from "node:fs";

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], "utf8"));
} catch {
  console.log("tests: 0 passed, 1 failed, 0 skipped");
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const brokenFiles = (report.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
let failed = (report.numFailedTests ?? 0) + brokenFiles;
// A run that failed outside every test (global setup, e.g. no keychain in CI; an unhandled error) counts as one.
if (report.success === false && failed === 0) failed = 1;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || report.success === false ? 1 : 0);
