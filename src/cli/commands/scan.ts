import type { CommandModule } from "yargs";
import { BackpackError, EXIT_CODES } from "../../errors/errors.js";
import { emit, say } from "../../output/output.js";

interface ScanArgs {
  paths: string[];
  staged?: boolean;
  history?: boolean;
  range?: string;
  json?: boolean;
  format?: "text" | "json" | "sarif";
  baseline?: string;
  "update-baseline"?: boolean;
  "list-rules"?: boolean;
}

/** `backpack scan`: find secrets in the working tree, the staged change, or every commit. */
const command: CommandModule<object, ScanArgs> = {
  command: "scan [paths..]",
  describe: "Find secrets in the working tree (or --staged, or --history); exit code 7 when there are any",
  builder: (y) =>
    y
      .positional("paths", { type: "string", array: true, default: [], describe: "Files or folders to scan (default: the whole working tree)" })
      .option("staged", { type: "boolean", describe: "Scan the lines the staged change adds (what the pre-commit hook checks)" })
      .option("history", { type: "boolean", describe: "Scan every commit of every branch and tag" })
      .option("range", { type: "string", describe: "Scan the commits of a revision range, e.g. origin/main..HEAD (a pull request's commits)" })
      .option("format", { choices: ["text", "json", "sarif"] as const, describe: "Output: text (default), json, or sarif (SARIF 2.1.0, for code scanning)" })
      .option("json", { type: "boolean", describe: "Print the findings as JSON (same as --format json)" })
      .option("baseline", { type: "string", describe: "A baseline file: report only findings not recorded in it" })
      .option("update-baseline", { type: "boolean", describe: "Record today's findings in the --baseline file (and exit 0)" })
      .option("list-rules", { type: "boolean", describe: "Print the rules and exit" })
      .conflicts("staged", ["history", "range"])
      .conflicts("history", "range")
      .conflicts("json", "format")
      .example("$0 scan --range origin/main..HEAD --format sarif > backpack.sarif", "the commits of a pull request, for GitHub code scanning"),
  handler: async (argv) => {
    if (argv["list-rules"]) {
      const { ruleCatalog } = await import("../../scan/rules.js");
      for (const rule of ruleCatalog()) say(`${rule.id.padEnd(24)} ${rule.description}`);
      return;
    }
    if ((argv.staged || argv.history || argv.range !== undefined) && argv.paths.length) {
      throw new BackpackError("USAGE", "paths cannot be combined with --staged, --history or --range", "scan paths of the working tree, or the whole staged change or history");
    }
    if (argv["update-baseline"] && !argv.baseline) {
      throw new BackpackError("USAGE", "--update-baseline needs --baseline FILE", "e.g. `backpack scan --baseline .backpack-baseline.json --update-baseline`");
    }
    const { openScanContext } = await import("../../scan/context.js");
    // A baseline records every finding: no file's candidates are left unexamined past the usual limit.
    const ctx = await openScanContext({ cwd: process.cwd(), baseline: argv.baseline, noBaseline: argv["update-baseline"], ...(argv["update-baseline"] ? { limit: Infinity } : {}) });
    let report;
    let what: string;
    if (argv.staged) {
      report = (await import("../../scan/staged.js")).scanStaged(ctx);
      what = "the staged change";
    } else if (argv.history || argv.range !== undefined) {
      const { requireRepo } = await import("../../scan/context.js");
      const root = requireRepo(ctx, "scanning history");
      // A range git does not know must fail, not scan nothing and pass.
      if (argv.range !== undefined) (await import("../../git/verify.js")).checkRange(root, argv.range, "scan --range");
      const revs = argv.range !== undefined ? [argv.range] : ["--all"];
      const { progressReporter } = await import("../../terminal/progress.js");
      const progress = progressReporter("scanning history");
      try {
        report = (await import("../../scan/history.js")).scanHistory(ctx, undefined, progress.report, revs);
      } finally {
        progress.done();
      }
      what = argv.range !== undefined ? argv.range : "history";
    } else {
      report = (await import("../../scan/worktree.js")).scanWorktree(ctx, process.cwd(), argv.paths);
      what = argv.paths.length ? argv.paths.join(", ") : ctx.inRepo ? "the working tree" : ".";
    }
    if (argv["update-baseline"] && argv.baseline) {
      const { writeBaseline } = await import("../../scan/baseline.js");
      writeBaseline(argv.baseline, report.findings);
      say(`backpack scan: baseline ${argv.baseline} records ${report.findings.length} accepted finding${report.findings.length === 1 ? "" : "s"}`);
      return;
    }
    const format = argv.format ?? (argv.json ? "json" : "text");
    if (format === "sarif") {
      const { sarifText, scanSarif } = await import("../../scan/sarif.js");
      const { VERSION } = await import("../../package/version.js");
      emit(sarifText(scanSarif(report, VERSION)));
    } else {
      const { reportJson, scanLines } = await import("../../scan/report.js");
      if (format === "json") emit(reportJson(report));
      else for (const line of scanLines(report, what)) say(line);
    }
    if (report.findings.length) process.exitCode = EXIT_CODES.SECRETS_FOUND;
  },
};
export default command;
