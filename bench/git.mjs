// Git with backpack's filters vs plain git (no filter) vs git-crypt, on the
// same content: repositories of 100 and 1,000 agent.lock files of about 2 KB,
// and 20 of about 1 MB. The tools take turns at each operation, three turns
// each, and the fastest turn counts, so the ratios of one run compare like
// with like even on a busy machine. Also: how long `backpack git smudge`
// takes for one file, against `node -e 0`; and the floors of the 1,000-file
// checkout: a Node filter that only echoes each file back (echo-filter.mjs),
// and one that does only the work the stored form requires (decrypt, check,
// inflate, parse and write each file's JSON: format-floor-filter.mjs), on the
// temporary folder's disk and on tmpfs (/dev/shm), where the disk adds nothing.
// For `git log -p` of 1 MB versions, its floors: the same history in
// plaintext with `textconv = cat` (what any textconv costs git: a temporary
// file and a process per version), the same with the echo filter too (what
// any Node filter adds), the same with a textconv that hashes each version
// (b2sum) and prints it (the least a later run does, whose large versions the
// filter recalls instead of decrypting), backpack's history through the format
// floor filter with that textconv (the least a run that decrypts each version
// does), and backpack's first run, with no diff renderings recorded yet (what
// a user's first `git log -p` costs; the row itself takes the fastest of three
// turns, where the later recall what the first recorded).
//
// BACKPACK_BENCH_GIT_SIZES="20 x 1 MB" (names from SIZES, comma-separated)
// runs those sizes' rows alone, without the other parts: to measure one row
// on a shared machine without the 10 to 20 minutes of the whole.
//
// git-crypt comes from Debian's `git-crypt` package (apt-get install
// git-crypt); without it its column says "n/a". The bench is not part of CI.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "bin", "backpack.js");
const ECHO_FILTER = join(ROOT, "bench", "echo-filter.mjs");
const FORMAT_FLOOR_FILTER = join(ROOT, "bench", "format-floor-filter.mjs");

const SIZES = [
  { name: "100 x 2 KB", files: 100, bytes: 2_000 },
  { name: "1,000 x 2 KB", files: 1_000, bytes: 2_000 },
  { name: "20 x 1 MB", files: 20, bytes: 1_000_000, logFloors: true },
];
/** The sizes this run measures: all, or those BACKPACK_BENCH_GIT_SIZES names (then no other part runs). */
const ONLY_SIZES = process.env.BACKPACK_BENCH_GIT_SIZES?.split(",").map((name) => name.trim()).filter(Boolean);
/** log -p covers this many commits, each changing this many files (textconv runs per file version). */
const LOG_COMMITS = 5;
const LOG_FILES_PER_COMMIT = 10;
/** The floors of `git log -p` of 1 MB versions, measured as tools of their own (see the top of this file). */
const TEXTCONV_CAT = "plaintext, textconv cat";
const ECHO_CAT = "plaintext, echo filter and textconv cat";
/**
 * The floor of a later `git log -p`, whose large versions the filter recalls rather than decrypts
 * (render-cache.ts, `.w`): the filter protocol passing each text (the echo filter), and a textconv
 * that hashes it (b2sum, as bin/textconv.sh does) and prints it (cat). Plaintext history.
 */
const ECHO_HASH_CAT = "plaintext, echo filter, b2sum and cat";
const BACKPACK_FIRST = "backpack, first run";
/**
 * The floor of backpack's design for `git log -p`: in a backpack repository, the format floor
 * filter (each distinct version decrypted once, nothing else) and a textconv that only hashes
 * each version (b2sum, as bin/textconv.sh does to find its rendering) and prints it (cat).
 */
const FORMAT_HASH = "format floor filter, b2sum and cat";
const HASH_CAT_TEXTCONV = `b2sum <"$1" >/dev/null && exec cat`;

function sandbox(parent = tmpdir()) {
  const root = realpathSync(mkdtempSync(join(parent, "backpack-bench-")));
  const home = join(root, "home");
  mkdirSync(join(home, ".config"), { recursive: true });
  const gitconfig = join(home, ".gitconfig");
  writeFileSync(gitconfig, "[user]\n\tname = Bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: "1", BACKPACK_KEYCHAIN: "off" };
  for (const key of Object.keys(env)) if (key === "AGENT_MASTER_KEY" || (key.startsWith("GIT_") && !["GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"].includes(key))) delete env[key];
  return { root, env };
}

/** Runs a command; throws with its stderr on failure. Shared with bench/team.mjs. */
export function run(cmd, args, cwd, env, input) {
  const r = spawnSync(cmd, args, { cwd, env, input, maxBuffer: 1 << 30, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}: ${String(r.stderr).slice(0, 500)}`);
  return r;
}

/** Milliseconds `fn` takes. */
export function timed(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The paths of `count` agent.lock files, one folder each. */
function agentPaths(count) {
  return Array.from({ length: count }, (_, i) => `agents/a${String(i).padStart(4, "0")}/agent.lock`);
}

/** A working-form agent.lock of about `bytes`, unique per call. */
function agentText(i, bytes) {
  const noteCount = Math.max(1, Math.floor((bytes - 600) / 110));
  const notes = Array.from({ length: noteCount }, () => `note ${randomBytes(40).toString("hex")}`);
  const doc = {
    version: 2,
    agent: { name: `agent-${i}` },
    credentials: { API_TOKEN: { source: "embedded", value: `tok-${randomBytes(16).toString("hex")}` }, OPENAI_API_KEY: { source: "vault" } },
    personality: { system_prompt: `You are agent ${i}. ${randomBytes(48).toString("hex")}`, tone: "dry" },
    memory: { notes },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function hasGitCrypt() {
  return spawnSync("git-crypt", ["--version"], { stdio: "ignore" }).status === 0;
}

function textconvAvailable(env) {
  const r = spawnSync(process.execPath, [CLI, "git", "textconv", "/dev/null"], { env, encoding: "utf8" });
  return !/unknown git entry point/.test(r.stderr ?? "");
}

/** Makes a repository for one tool with the given files (not yet committed). */
function prepare(tool, dir, env, paths, texts) {
  mkdirSync(dir, { recursive: true });
  run("git", ["init", "-q"], dir, env);
  if (tool === "plain") {
    writeFileSync(join(dir, ".gitattributes"), "# no filter\n");
  } else if (tool === "git-crypt") {
    run("git-crypt", ["init"], dir, env);
    writeFileSync(join(dir, ".gitattributes"), "agent.lock filter=git-crypt diff=git-crypt\n");
  } else if (tool === TEXTCONV_CAT || tool === ECHO_CAT || tool === ECHO_HASH_CAT) {
    // Plaintext, shown through `textconv = cat` (and, for the others, passed through the echo filter; the last hashes too).
    writeFileSync(join(dir, ".gitattributes"), `agent.lock diff=cat${tool === TEXTCONV_CAT ? "" : " filter=echo"}\n`);
    run("git", ["config", "diff.cat.textconv", tool === ECHO_HASH_CAT ? HASH_CAT_TEXTCONV : "cat"], dir, env);
    if (tool !== TEXTCONV_CAT) run("git", ["config", "filter.echo.process", `'${process.execPath}' '${ECHO_FILTER}'`], dir, env);
  } else if (tool === "backpack" || tool === BACKPACK_FIRST || tool === FORMAT_HASH) {
    const args = ["setup", "--no-hook"];
    if (!textconvAvailable(env)) args.push("--diff", "plain");
    run(process.execPath, [CLI, ...args], dir, env);
  }
  paths.forEach((path, i) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), texts[i]);
  });
}

/**
 * The operations, each with an untimed `prepare` and a timed `run`. Every
 * operation runs REPEATS times, the tools taking turns, and the fastest run
 * counts: on a shared machine that is the closest to the tool's own cost.
 */
function operations(paths) {
  const LOG = `log -p (${LOG_COMMITS} commits x ${LOG_FILES_PER_COMMIT} files)`;
  return [
    {
      name: "add + commit",
      // Repeats: take the files out of the index again, so `git add` cleans every one.
      prepare: (git, _dir, rep) => {
        if (rep === 0) return;
        git("rm", "-r", "-q", "--cached", "agents");
        git("commit", "-qm", "out");
      },
      run: (git) => {
        git("add", "-A");
        git("commit", "-qm", "agents");
      },
    },
    {
      name: "fresh checkout",
      // From a branch holding only .gitattributes to main: git writes every file.
      prepare: (git, dir, rep) => {
        if (rep > 0) return git("checkout", "-q", "empty");
        git("checkout", "-q", "--orphan", "empty");
        git("rm", "-rq", "--cached", ".");
        for (const path of paths) rmSync(join(dir, path));
        git("add", ".gitattributes");
        git("commit", "-qm", "empty");
      },
      run: (git) => git("checkout", "-q", "main"),
    },
    {
      name: "status after touching all",
      prepare: (_git, dir, rep) => {
        const later = new Date(Date.now() + (rep + 1) * 3_600_000);
        for (const path of paths) utimesSync(join(dir, path), later, later);
      },
      run: (git) => git("status", "--porcelain"),
    },
    {
      name: LOG,
      // History for log -p: commits each changing a few files (textconv runs per file version).
      prepare: (git, dir, rep) => {
        if (rep > 0) return;
        for (let c = 0; c < LOG_COMMITS; c++) {
          for (let f = 0; f < LOG_FILES_PER_COMMIT; f++) {
            const i = (c * LOG_FILES_PER_COMMIT + f) % paths.length;
            const doc = JSON.parse(readFileSync(join(dir, paths[i]), "utf8"));
            doc.memory.round = c;
            writeFileSync(join(dir, paths[i]), `${JSON.stringify(doc, null, 2)}\n`);
          }
          git("commit", "-qam", `round ${c}`);
        }
      },
      run: (git) => git("log", "-p", `-${LOG_COMMITS}`),
    },
  ];
}

const REPEATS = 3;

/**
 * "met" / "not met (ratio)" against the goal, with the goal said; `ratio` is
 * what the goal bounds (backpack / the other, or the other / backpack for
 * "N x faster"), shown when it is missed.
 */
function verdict(goal, met, ratio) {
  return `${goal}: ${met ? "met" : `not met${ratio === undefined ? "" : ` (${ratio.toFixed(2)}x)`}`}`;
}

/**
 * The targets of this release (docs/git.md, "Against the targets"): log -p in
 * at most half git-crypt's time; the 1,000-file checkout at least 20x faster
 * than git-crypt; every other row faster than git-crypt.
 */
function targetFor(size, op, gc, bp) {
  if (gc === undefined) return "";
  if (op.startsWith("log -p")) return verdict("<= 0.5x git-crypt", bp <= gc / 2, bp / gc);
  // Said as "git-crypt's time over backpack's", as the goal is.
  if (size.files === 1_000 && op === "fresh checkout") return verdict(">= 20x faster than git-crypt", gc / bp >= 20, gc / bp);
  return verdict("faster than git-crypt", bp < gc, bp / gc);
}

/** git's -c options that put the format floor filter and a hash-and-print textconv in place of backpack's, in `dir`. */
function formatHashConfig(dir, env) {
  // The format floor decrypts with the repository's key: exported into the sandbox (mode 0600), never printed.
  const keyFile = join(dir, ".git", "bench.key");
  if (!existsSync(keyFile)) run(process.execPath, [CLI, "key", "export", "--output", keyFile], dir, env);
  return ["-c", `filter.backpack.process='${process.execPath}' '${FORMAT_FLOOR_FILTER}' '${keyFile}'`, "-c", `diff.backpack.textconv=${HASH_CAT_TEXTCONV}`];
}

/** Fastest of REPEATS runs of each operation, per tool, the tools taking turns. */
function measure(repos, env, paths) {
  const results = Object.fromEntries(Object.keys(repos).map((tool) => [tool, {}]));
  for (const op of operations(paths)) {
    for (let rep = 0; rep < REPEATS; rep++) {
      for (const [tool, dir] of Object.entries(repos)) {
        const git = (...args) => run("git", args, dir, env);
        op.prepare(git, dir, rep);
        // A first `git log -p`: no diff rendering recorded (they serve later runs within the hour).
        if (tool === BACKPACK_FIRST) rmSync(join(dir, ".git", "backpack", "textconv"), { recursive: true, force: true });
        // The design's floor: backpack's filter for everything but the timed `git log -p` (the floor filter cannot clean).
        const floorConfig = tool === FORMAT_HASH && op.name.startsWith("log -p") ? formatHashConfig(dir, env) : undefined;
        const timedGit = floorConfig ? (...args) => run("git", [...floorConfig, ...args], dir, env) : git;
        const ms = timed(() => op.run(timedGit));
        results[tool][op.name] = Math.min(results[tool][op.name] ?? Infinity, ms);
      }
    }
  }
  return results;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * `backpack git smudge` and `backpack git textconv` (git starts both once per
 * file) on one ~2 KB file vs `node -e 0`, medians of interleaved runs.
 */
function smudgeStart(env, dir) {
  const text = agentText(0, 2_000);
  const repo = join(dir, "smudge");
  mkdirSync(repo);
  run("git", ["init", "-q"], repo, env);
  run(process.execPath, [CLI, "setup", "--no-hook"], repo, env);
  writeFileSync(join(repo, "agent.lock"), text);
  run("git", ["add", "agent.lock"], repo, env);
  const stored = run("git", ["cat-file", "-p", ":agent.lock"], repo, env).stdout;
  const node = [];
  const smudge = [];
  const textconv = [];
  for (let i = 0; i < 21; i++) {
    node.push(timed(() => run(process.execPath, ["-e", "0"], repo, env)));
    smudge.push(timed(() => run(process.execPath, [CLI, "git", "smudge", "agent.lock"], repo, env, stored)));
    textconv.push(timed(() => run(process.execPath, [CLI, "git", "textconv", "agent.lock"], repo, env)));
  }
  return { node: median(node), smudge: median(smudge), textconv: median(textconv), nodeMin: Math.min(...node), smudgeMin: Math.min(...smudge) };
}

const round = (n) => Math.round(n * 10) / 10;

/** The 1, 5 and 15 minute load averages, as `uptime` says them (written down beside every number). */
function loadAverage() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
}

/** /dev/shm when it is a writable folder on another file system than the temporary folder's. */
function tmpfs() {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return statSync("/dev/shm").dev !== statSync(tmpdir()).dev ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
}

const FLOOR_FILES = 1_000;
const FLOOR_TURNS = 9;

/**
 * The 1,000-file checkout's floors: plain git, the echo filter (a Node filter
 * doing no work, in place of backpack's filter in the backpack repository),
 * the format floor (a Node filter doing only the stored form's own work:
 * format-floor-filter.mjs, with the repository's key) and backpack, taking
 * turns, in the temporary folder and on tmpfs.
 */
function checkoutFloor() {
  const rows = [];
  for (const [where, parent] of [["temporary folder", tmpdir()], ["tmpfs (/dev/shm)", tmpfs()]]) {
    if (!parent) continue;
    const { root, env } = sandbox(parent);
    try {
      const paths = agentPaths(FLOOR_FILES);
      const texts = paths.map((_, i) => agentText(i, 2_000));
      const repos = { plain: join(root, "plain"), backpack: join(root, "backpack") };
      for (const [tool, dir] of Object.entries(repos)) {
        prepare(tool, dir, env, paths, texts);
        const git = (...args) => run("git", args, dir, env);
        git("add", "-A");
        git("commit", "-qm", "agents");
        operations(paths).find((op) => op.name === "fresh checkout").prepare(git, dir, 0);
      }
      const echo = `'${process.execPath}' '${ECHO_FILTER}'`;
      // The format floor decrypts with the repository's key: exported into the sandbox (mode 0600), never printed.
      const keyFile = join(root, "bench.key");
      run(process.execPath, [CLI, "key", "export", "--output", keyFile], repos.backpack, env);
      const formatFloor = `'${process.execPath}' '${FORMAT_FLOOR_FILTER}' '${keyFile}'`;
      const variants = {
        plain: [repos.plain, []],
        echo: [repos.backpack, ["-c", `filter.backpack.process=${echo}`]],
        format: [repos.backpack, ["-c", `filter.backpack.process=${formatFloor}`]],
        backpack: [repos.backpack, []],
      };
      const times = { plain: [], echo: [], format: [], backpack: [] };
      for (let turn = 0; turn < FLOOR_TURNS; turn++) {
        for (const [name, [dir, config]] of Object.entries(variants)) {
          // Untimed, with backpack's own filter: it knows what backpack and the other filters wrote (the format floor writes the same bytes).
          run("git", ["checkout", "-q", "empty"], dir, env);
          times[name].push(timed(() => run("git", [...config, "checkout", "-q", "main"], dir, env)));
        }
      }
      for (const [stat, pick] of [["fastest", (v) => Math.min(...v)], ["median", median]]) {
        const [plain, echoMs, formatMs, bp] = [pick(times.plain), pick(times.echo), pick(times.format), pick(times.backpack)];
        rows.push({
          where,
          [`of ${FLOOR_TURNS}`]: stat,
          "plain ms": round(plain),
          "echo filter ms": round(echoMs),
          "format floor ms": round(formatMs),
          "backpack ms": round(bp),
          "echo / plain": round(echoMs / plain),
          "format floor / echo": round(formatMs / echoMs),
          "backpack / format floor": round(bp / formatMs),
          "backpack / echo": round(bp / echoMs),
          target: verdict("<= 1.5x the echo filter", bp <= 1.5 * echoMs, bp / echoMs),
        });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}

const HISTORY_VERSIONS = 60;

/**
 * One agent.lock with HISTORY_VERSIONS commits, each adding a memory entry
 * (what an agent that remembers does on every run), for git-crypt and
 * backpack: `git log -p` of the file, `backpack log` of it (one process),
 * and `git show --textconv HEAD:agent.lock` (what an editor runs for its
 * gutter), fastest of REPEATS turns, the tools taking turns.
 */
function historyRows(gitCrypt) {
  const { root, env } = sandbox();
  try {
    const tools = gitCrypt ? ["git-crypt", "backpack"] : ["backpack"];
    const repos = {};
    for (const tool of tools) {
      const dir = join(root, tool);
      prepare(tool, dir, env, [], []);
      const git = (...args) => run("git", args, dir, env);
      const doc = JSON.parse(agentText(0, 2_000));
      doc.memory = { facts: [] };
      for (let v = 0; v < HISTORY_VERSIONS; v++) {
        doc.memory.facts.push(`fact ${v}: ${randomBytes(24).toString("hex")}`);
        doc.memory.runs = v + 1;
        writeFileSync(join(dir, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
        git("add", "-A");
        git("commit", "-qm", `run ${v}`);
      }
      repos[tool] = dir;
    }
    const cases = {
      "git log -p agent.lock": (dir) => run("git", ["log", "-p", "--", "agent.lock"], dir, env),
      "git show --textconv HEAD:agent.lock": (dir) => run("git", ["show", "--textconv", "HEAD:agent.lock"], dir, env),
    };
    const best = {};
    for (const [name, fn] of Object.entries(cases)) {
      for (let rep = 0; rep < REPEATS; rep++) {
        for (const [tool, dir] of Object.entries(repos)) {
          const ms = timed(() => fn(dir));
          best[`${name}/${tool}`] = Math.min(best[`${name}/${tool}`] ?? Infinity, ms);
        }
        const ms = timed(() => run(process.execPath, [CLI, "log", "agent.lock"], repos.backpack, env));
        best["backpack log"] = Math.min(best["backpack log"] ?? Infinity, ms);
      }
    }
    const gcLog = best["git log -p agent.lock/git-crypt"];
    const row = (operation, bp, gc, goal, factor) => ({
      operation,
      "git-crypt ms": gc === undefined ? "n/a" : round(gc),
      "backpack ms": round(bp),
      "backpack / git-crypt": gc === undefined ? "n/a" : round(bp / gc),
      target: gc === undefined ? "" : verdict(goal, bp <= factor * gc, bp / gc),
    });
    return [
      row("git log -p agent.lock", best["git log -p agent.lock/backpack"], gcLog, "<= 0.5x git-crypt", 0.5),
      row("`backpack log agent.lock` (vs git-crypt's git log -p)", best["backpack log"], gcLog, "<= 0.3x git-crypt's log -p", 0.3),
      row("git show --textconv HEAD:agent.lock", best["git show --textconv HEAD:agent.lock/backpack"], best["git show --textconv HEAD:agent.lock/git-crypt"], "faster than git-crypt", 1),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const HOOK_TURNS = 41;

/**
 * The pre-commit hook (the script `backpack setup` installs, which runs
 * `backpack git pre-commit`, in the environment git gives a hook) on a staged 10-file commit of about
 * 2.5 KB each, against `node -e 0`,
 * taking turns, median of HOOK_TURNS (bench/scan.mjs times it too, beside the
 * scanner's other rows; this one is here so the targets' table has it from
 * the same run as the rest).
 */
export function hookTimes() {
  const { root, env } = sandbox();
  try {
    const dir = join(root, "hook");
    mkdirSync(dir);
    run("git", ["init", "-q"], dir, env);
    run(process.execPath, [CLI, "setup"], dir, env);
    for (let i = 0; i < 10; i++) {
      const lines = Array.from({ length: 60 }, (_, n) => `export function step${i}_${n}(value: number): number {\n  return value * ${n + 1} + ${i};\n}\n`);
      mkdirSync(join(dir, "src"), { recursive: true });
      writeFileSync(join(dir, "src", `module${i}.ts`), lines.join("").slice(0, 2_500));
    }
    run("git", ["add", "-A"], dir, env);
    // As git starts a pre-commit hook: at the top of the working tree, with GIT_INDEX_FILE set (the
    // hook then knows its top without a `git rev-parse`; run by hand it asks for it).
    const hookEnv = { ...env, GIT_INDEX_FILE: ".git/index", GIT_PREFIX: "", GIT_EDITOR: ":" };
    // The script setup installed, as git runs it: its `git config` and its two listing gits count too.
    const script = join(dir, ".git", "hooks", "pre-commit");
    run(script, [], dir, hookEnv);
    const node = [];
    const hook = [];
    for (let i = 0; i < HOOK_TURNS; i++) {
      node.push(timed(() => run(process.execPath, ["-e", "0"], dir, env)));
      hook.push(timed(() => run(script, [], dir, hookEnv)));
    }
    return { node: median(node), hook: median(hook) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Every target of this release in one table (docs/git.md, "Speed"): each row
 * the work, its floor (what no backpack at all costs there), git-crypt's time,
 * backpack's, and the verdict, all from this run.
 */
function targetsTable(rows, history, floor, hook, logFloors = []) {
  const table = [];
  const add = (work, floorText, gc, bp, target) => table.push({ work, floor: floorText, "git-crypt ms": gc, "backpack ms": bp, target });
  const floorOf = (size, what) => logFloors.find((row) => row.repository === size && row["log -p of this history"].startsWith(what))?.ms;
  for (const row of rows) {
    if (!row.target) continue;
    const cat = row.operation.startsWith("log -p") ? floorOf(row.repository, "plaintext, `textconv") : undefined;
    const echo = row.operation.startsWith("log -p") ? floorOf(row.repository, "the same, through the echo") : undefined;
    const formatHash = row.operation.startsWith("log -p") ? floorOf(row.repository, "backpack's history through the format floor") : undefined;
    const echoHash = row.operation.startsWith("log -p") ? floorOf(row.repository, "the same, through the echo filter, with textconv `b2sum`") : undefined;
    const floors = [
      `plain git ${row["plain ms"]} ms`,
      ...(cat === undefined ? [] : [`textconv cat ${cat} ms`]),
      ...(echo === undefined ? [] : [`echo filter + cat ${echo} ms`]),
      ...(echoHash === undefined ? [] : [`echo filter + b2sum + cat ${echoHash} ms`]),
      ...(formatHash === undefined ? [] : [`format floor + b2sum + cat ${formatHash} ms`]),
    ];
    add(`${row.repository}: ${row.operation}`, floors.join(", "), row["git-crypt ms"], row["backpack ms"], row.target);
    const first = row.operation.startsWith("log -p") ? floorOf(row.repository, "backpack, each turn") : undefined;
    const gc = row["git-crypt ms"];
    if (first !== undefined && typeof gc === "number") {
      add(`${row.repository}: the same, a first run (no diff rendering recorded)`, floors.join(", "), gc, first, verdict("<= 0.5x git-crypt", first <= gc / 2, first / gc));
    }
  }
  for (const row of history) add(`one agent.lock, ${HISTORY_VERSIONS} versions: ${row.operation}`, "", row["git-crypt ms"], row["backpack ms"], row.target);
  for (const row of floor) {
    if (row[`of ${FLOOR_TURNS}`] !== "fastest") continue;
    add(`${FLOOR_FILES.toLocaleString("en-US")} x 2 KB fresh checkout, ${row.where}`, `echo filter ${row["echo filter ms"]} ms, format floor ${row["format floor ms"]} ms (${row["format floor / echo"]}x echo), plain git ${row["plain ms"]} ms`, "", row["backpack ms"], row.target);
  }
  if (hook) {
    add(
      "pre-commit hook, 10-file commit",
      `node -e 0 ${round(hook.node)} ms`,
      "",
      round(hook.hook),
      verdict("<= 2x node -e 0", hook.hook <= 2 * hook.node, hook.hook / hook.node),
    );
  }
  return table;
}

export async function benchGit() {
  const loadAtStart = loadAverage();
  const { root, env } = sandbox();
  const gitCrypt = hasGitCrypt();
  const tools = ["plain", ...(gitCrypt ? ["git-crypt"] : []), "backpack"];
  const layers = textconvAvailable(env);
  const rows = [];
  const logFloors = [];
  try {
    for (const size of SIZES) {
      if (ONLY_SIZES && !ONLY_SIZES.includes(size.name)) continue;
      const paths = agentPaths(size.files);
      const texts = paths.map((_, i) => agentText(i, size.bytes));
      const repos = {};
      const sizeTools = size.logFloors ? [...tools, TEXTCONV_CAT, ECHO_CAT, ECHO_HASH_CAT, FORMAT_HASH, BACKPACK_FIRST] : tools;
      sizeTools.forEach((tool, i) => {
        repos[tool] = join(root, `${size.files}-${size.bytes}-${i}`);
        prepare(tool, repos[tool], env, paths, texts);
      });
      const results = measure(repos, env, paths);
      for (const dir of Object.values(repos)) rmSync(dir, { recursive: true, force: true });
      for (const op of Object.keys(results.plain)) {
        const plain = results.plain[op];
        const bp = results.backpack[op];
        const gc = gitCrypt ? results["git-crypt"][op] : undefined;
        rows.push({
          repository: size.name,
          operation: op,
          "plain ms": round(plain),
          "git-crypt ms": gc === undefined ? "n/a" : round(gc),
          "backpack ms": round(bp),
          "backpack / plain": round(bp / plain),
          "git-crypt / backpack": gc === undefined ? "n/a" : round(gc / bp),
          target: targetFor(size, op, gc, bp),
        });
        if (!size.logFloors || !op.startsWith("log -p")) continue;
        for (const [tool, what] of [
          ["plain", "plain git (no filter, no textconv)"],
          [TEXTCONV_CAT, "plaintext, `textconv = cat`: a temporary file and a process per version"],
          [ECHO_CAT, "the same, through the echo filter (a Node filter that does nothing)"],
          [ECHO_HASH_CAT, "the same, through the echo filter, with textconv `b2sum` + `cat` (the least a later run does: each version passed, hashed, printed)"],
          [FORMAT_HASH, "backpack's history through the format floor filter, textconv `b2sum` + `cat` (the least a run that decrypts each version does)"],
          ["backpack", "backpack (fastest of 3: the later turns recall the versions and renderings the first recorded)"],
          [BACKPACK_FIRST, "backpack, each turn with no diff rendering recorded (a first `git log -p`)"],
          ...(gitCrypt ? [["git-crypt", "git-crypt"]] : []),
        ]) {
          const ms = results[tool][op];
          logFloors.push({
            repository: size.name,
            "log -p of this history": what,
            ms: round(ms),
            "/ plain": round(ms / plain),
            "/ git-crypt": gc === undefined ? "n/a" : round(ms / gc),
          });
        }
      }
    }
    if (ONLY_SIZES) {
      return {
        [`backpack diff mode: ${layers ? "layers (textconv)" : "plain (textconv = cat)"}; sizes ${ONLY_SIZES.join(", ")} alone (load average ${loadAtStart} at the start, ${loadAverage()} at the end)`]: rows,
        ...(logFloors.length ? { "git log -p of 1 MB versions, and its floors (fastest of 3, the same history)": logFloors } : {}),
        "Their targets": targetsTable(rows, [], [], undefined, logFloors),
      };
    }
    const start = smudgeStart(env, root);
    rows.push({
      repository: "one file",
      operation: "`backpack git smudge` start (median of 21)",
      "plain ms": round(start.node),
      "git-crypt ms": "",
      "backpack ms": round(start.smudge),
      "backpack / plain": round(start.smudge / start.node),
      "git-crypt / backpack": "(plain = node -e 0)",
    });
    rows.push({
      repository: "one file",
      operation: "`backpack git smudge` start (fastest of 21)",
      "plain ms": round(start.nodeMin),
      "git-crypt ms": "",
      "backpack ms": round(start.smudgeMin),
      "backpack / plain": round(start.smudgeMin / start.nodeMin),
      "git-crypt / backpack": "(plain = node -e 0)",
    });
    rows.push({
      repository: "one file",
      operation: "`backpack git textconv` start (median of 21)",
      "plain ms": round(start.node),
      "git-crypt ms": "",
      "backpack ms": round(start.textconv),
      "backpack / plain": round(start.textconv / start.node),
      "git-crypt / backpack": "(plain = node -e 0)",
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const history = historyRows(gitCrypt);
  const floor = checkoutFloor();
  const hook = hookTimes();
  return {
    [`backpack diff mode: ${layers ? "layers (textconv)" : "plain (textconv = cat; `backpack git textconv` not in this build)"}`]: rows,
    [`One agent.lock, ${HISTORY_VERSIONS} versions (a memory entry added in each), fastest of ${REPEATS}`]: history,
    [`${FLOOR_FILES.toLocaleString("en-US")}-file checkout: a Node filter that does nothing (the echo filter), one that does only the stored form's own work (the format floor), plain git and backpack`]: floor,
    "git log -p of 1 MB versions, and its floors (fastest of 3, the same history)": logFloors,
    [`The targets, all from this run (load average ${loadAtStart} at the start, ${loadAverage()} at the end)`]: targetsTable(rows, history, floor, hook, logFloors),
  };
}

/** The floors alone (`node bench/run.mjs floors`): the 1,000-file checkout and the hook, with the load average. */
export async function benchFloors() {
  const loadAtStart = loadAverage();
  const floor = checkoutFloor();
  const hook = hookTimes();
  return {
    [`${FLOOR_FILES.toLocaleString("en-US")}-file checkout (load average ${loadAtStart} at the start, ${loadAverage()} at the end)`]: floor,
    [`pre-commit hook, 10-file commit, median of ${HOOK_TURNS}`]: hookRow(hook),
  };
}

function hookRow(hook) {
  return [{ "node -e 0 ms": round(hook.node), "hook ms": round(hook.hook), "hook / node -e 0": round(hook.hook / hook.node), target: verdict("<= 2x node -e 0", hook.hook <= 2 * hook.node, hook.hook / hook.node) }];
}

/** The hook's row alone (`node bench/run.mjs hook`, `npm run bench:hook`: seconds), with the load average. */
export async function benchHook() {
  const loadAtStart = loadAverage();
  const hook = hookTimes();
  return { [`pre-commit hook, 10-file commit, median of ${HOOK_TURNS} (load average ${loadAtStart} at the start, ${loadAverage()} at the end)`]: hookRow(hook) };
}
