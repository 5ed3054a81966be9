import type { CommandModule } from "yargs";
import { emit, note, paint, say } from "../../output/output.js";

interface VerifyArgs {
  range?: string;
  all?: boolean;
  allowDowngrade?: boolean;
  json?: boolean;
  format?: "text" | "json" | "sarif";
}

/** `backpack verify`: every committed agent.lock is a well-formed (and, with the key, authentic) stored form. */
const command: CommandModule<object, VerifyArgs> = {
  command: "verify [range]",
  describe: "Check that every committed agent.lock is encrypted and intact (HEAD, a range, or --all history)",
  builder: (y) =>
    y
      .positional("range", { type: "string", describe: "A revision range, e.g. origin/main..HEAD (default: the tree of HEAD)" })
      .option("all", { type: "boolean", describe: "Every commit reachable from any ref" })
      .option("allow-downgrade", { type: "boolean", describe: "Report a format 3 agent.lock that went down to format 2 or 1.0 without failing (a deliberate revert of `backpack migrate`)" })
      .option("format", { choices: ["text", "json", "sarif"] as const, describe: "Output: text (default), json, or sarif (SARIF 2.1.0, for code scanning)" })
      .option("json", { type: "boolean", describe: "Print the result as JSON (same as --format json)" })
      .conflicts("all", "range")
      .conflicts("json", "format")
      .example("$0 verify origin/main..HEAD", "in a pre-push hook or CI: the commits about to be pushed"),
  handler: async (argv) => {
    const { requireRepo } = await import("../../git/repo.js");
    const { verifyCommitted } = await import("../../git/verify.js");
    const { repoKeyResolver } = await import("../../git/repo-key.js");
    const repo = requireRepo(process.cwd());
    const resolver = await repoKeyResolver(repo, process.env);
    const { guardAllowedPaths } = await import("../../scan/context.js");
    const { pathMatcher } = await import("../../scan/allow.js");
    const allowedPaths = await guardAllowedPaths(repo.root, process.env);
    const result = await verifyCommitted(repo.root, resolver, {
      ...(argv.all ? { all: true } : {}),
      ...(argv.range ? { range: argv.range } : {}),
      ...(argv.allowDowngrade ? { allowDowngrade: true } : {}),
      ...(allowedPaths.length > 0 ? { allowPlaintext: pathMatcher(allowedPaths) } : {}),
    });
    const format = argv.format ?? (argv.json ? "json" : "text");
    if (format === "json") say(JSON.stringify(result, null, 2));
    else if (format === "sarif") {
      const { sarifText, verifySarif } = await import("../../scan/sarif.js");
      const { VERSION } = await import("../../package/version.js");
      emit(sarifText(verifySarif(result, VERSION)));
    } else {
      for (const p of result.problems) note(`${paint.red("backpack:")} ${p.commit.slice(0, 12)} ${p.path}: ${p.problem}`);
      say(`verified ${result.scope}: ${result.blobs} agent.lock blob(s), ${result.authenticated} authenticated, ${result.problems.length} problem(s)`);
      for (const u of result.unauthenticated) say(`  ${u.blobs} blob(s) with key ${u.key}: well formed, not authenticated (key not at hand)`);
      for (const l of result.sealed) say(`  ${l.blobs} blob(s) with the ${l.layer} layer sealed for you: only a reader of it can check that layer`);
      const allowed = new Set(result.allowedPlaintext.map((f) => f.path)).size;
      if (allowed > 0) say(`  ${allowed} file(s) with plaintext layers at paths scan.allow_paths allows (your config, or a backpack.toml you trust): not problems`);
      for (const d of result.downgrades) say(`  ${d.commit.slice(0, 12)} ${d.path}: ${d.problem} (allowed by --allow-downgrade)`);
      if (result.formatOne > 0) say(`  ${result.formatOne} blob(s) in format 1.0 (encrypted by the Python tool; \`backpack migrate\` upgrades them)`);
    }
    if (result.problems.length > 0) {
      if (format === "text") {
        if (result.problems.some((p) => p.kind !== "downgrade")) note("hint: encrypt with `backpack setup` then re-add the file (`git add --renormalize agent.lock`), and rewrite or revert the commits named");
        if (result.problems.some((p) => p.kind === "downgrade")) {
          note("hint: a format downgrade: upgrade the file again (`backpack migrate FILE`) and commit it; if the older format was deliberate (a revert of the upgrade), `backpack verify --allow-downgrade` reports it without failing");
        }
      }
      process.exitCode = 1;
    }
  },
};
export default command;
