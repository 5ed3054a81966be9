// Member keys (teams) against the single key: the smudge start and a 1,000-file
// checkout, each in three set-ups measured interleaved in one run:
//  - single key: the repository key in the file store (the usual case);
//  - member, key kept: a team repository whose identity is in the file store,
//    so the key it opened once is kept there (every later process finds it
//    as in single-key mode, and never loads age);
//  - member, identity from BACKPACK_IDENTITY: nothing kept, so every process
//    loads age and unwraps the key once (the worst case: CI);
//  - a member who reads personality and memory only (a key per layer): the
//    credentials stay sealed in their working files.
// Targets (issue #13): smudge start within 1.2x, checkout within 1.1x of single key.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median, run, timed } from "./git.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "bin", "backpack.js");
const FILES = 1_000;
const ROUNDS = 5;
const STARTS = 21;

function machine(root, name) {
  const home = join(root, name);
  mkdirSync(join(home, ".config"), { recursive: true });
  const gitconfig = join(home, ".gitconfig");
  writeFileSync(gitconfig, "[user]\n\tname = Bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: "1", BACKPACK_KEYCHAIN: "off" };
  for (const key of Object.keys(env)) if (key === "AGENT_MASTER_KEY" || key.startsWith("BACKPACK_IDENTITY") || (key.startsWith("GIT_") && !["GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"].includes(key))) delete env[key];
  return { home, env };
}

const round = (n) => Math.round(n * 100) / 100;

function agentText(i) {
  return `${JSON.stringify({ version: 2, credentials: { API_TOKEN: { source: "embedded", value: `tok-${i}-${"x".repeat(24)}` } }, personality: { system_prompt: `agent ${i}` }, memory: { notes: [`note ${i}`.repeat(20)] } }, null, 2)}\n`;
}

/** A repository with FILES agent.lock files committed on main, and an empty orphan branch to check out from. */
function makeRepo(dir, env, team, partialEnv) {
  mkdirSync(dir);
  run("git", ["init", "-q"], dir, env);
  run(process.execPath, [CLI, "setup", "--no-hook"], dir, env);
  for (let i = 0; i < FILES; i++) {
    const path = join(dir, `agents/a${String(i).padStart(4, "0")}/agent.lock`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, agentText(i));
  }
  run("git", ["add", "-A"], dir, env);
  run("git", ["commit", "-qm", "agents"], dir, env);
  if (team) {
    run(process.execPath, [CLI, "team", "init", "--name", "bench"], dir, env);
    run("git", ["commit", "-qm", "team"], dir, env);
    if (partialEnv) {
      // A member who reads personality and memory only: the credentials stay sealed for them.
      const recipient = String(run(process.execPath, [CLI, "identity"], dir, partialEnv).stdout).trim();
      run(process.execPath, [CLI, "team", "add", "partial", recipient, "--layers", "personality,memory"], dir, env);
      run("git", ["commit", "-qm", "partial member"], dir, env);
    }
  }
  run("git", ["checkout", "-q", "--orphan", "empty"], dir, env);
  run("git", ["rm", "-rfq", "."], dir, env);
  run("git", ["commit", "-q", "--allow-empty", "-m", "empty"], dir, env);
}

export async function benchTeam() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "backpack-bench-team-")));
  try {
    const single = machine(root, "single");
    const member = machine(root, "member");
    const singleRepo = join(root, "single-repo");
    const memberRepo = join(root, "member-repo");
    makeRepo(singleRepo, single.env, false);
    const partial = machine(root, "partial");
    makeRepo(memberRepo, member.env, true, partial.env);
    // The CI case: the same identity from the environment, and no store at all.
    const keys = JSON.parse(readFileSync(join(member.home, ".config/backpack/keys.json"), "utf8"));
    const ci = machine(root, "ci");
    ci.env.BACKPACK_IDENTITY = keys.accounts["identity:default"];
    const setups = [
      { name: "single key", repo: singleRepo, env: single.env },
      { name: "member, key kept", repo: memberRepo, env: member.env },
      { name: "member, BACKPACK_IDENTITY", repo: memberRepo, env: ci.env },
      { name: "member of 2 layers, key kept", repo: memberRepo, env: partial.env },
    ];
    const stored = Object.fromEntries(setups.map((s) => [s.name, run("git", ["cat-file", "-p", "main:agents/a0000/agent.lock"], s.repo, s.env).stdout]));

    // Checkouts first: they leave main (and its .backpack/ team file) checked out for the smudge starts.
    const checkouts = Object.fromEntries(setups.map((s) => [s.name, []]));
    for (let i = 0; i < ROUNDS; i++) {
      for (const s of setups) {
        run("git", ["checkout", "-q", "-f", "empty"], s.repo, s.env);
        checkouts[s.name].push(timed(() => run("git", ["checkout", "-q", "main"], s.repo, s.env)));
        // The checkout really decrypted (a locked file would be faster and wrong).
        if (!readFileSync(join(s.repo, "agents/a0999/agent.lock"), "utf8").startsWith('{\n  "version": 2')) throw new Error(`${s.name}: the checkout did not decrypt`);
      }
    }
    const starts = Object.fromEntries(setups.map((s) => [s.name, []]));
    for (let i = 0; i < STARTS; i++) {
      for (const s of setups) {
        let out;
        starts[s.name].push(timed(() => (out = run(process.execPath, [CLI, "git", "smudge", "agent.lock"], s.repo, s.env, stored[s.name]).stdout)));
        if (!String(out).startsWith('{\n  "version": 2')) throw new Error(`${s.name}: smudge did not decrypt`);
      }
    }
    const base = { start: median(starts["single key"]), checkout: median(checkouts["single key"]) };
    return setups.map((s) => ({
      setup: s.name,
      "smudge start ms (median of 21)": round(median(starts[s.name])),
      "/ single": round(median(starts[s.name]) / base.start),
      [`${FILES.toLocaleString("en-US")}-file checkout ms (median of ${ROUNDS})`]: round(median(checkouts[s.name])),
      "/ single ": round(median(checkouts[s.name]) / base.checkout),
    }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
