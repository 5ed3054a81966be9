/**
 * `backpack demo`: a scripted walkthrough in a throwaway repository, with its
 * own HOME and git config so nothing of the user's is touched. It shows that
 * git stores only ciphertext, that `git diff` shows decrypted layers with
 * credential values redacted, and that the pre-commit hook blocks a secret.
 * The secrets it uses are fake and generated per run.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { say } from "../output/output.js";
import { type StepResult as Step, createWorkspace } from "./workspace.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export interface DemoOptions {
  /** Keep the throwaway repository (its path is printed). */
  keep?: boolean;
  /** Skip the pauses and the longer explanations. */
  fast?: boolean;
  out?: (line: string) => void;
}

/** Fake values in the providers' formats, new each run; never real secrets. */
function fakeSecrets(): { embedded: string; leaked: string } {
  const alnum = (n: number) => randomBytes(n * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, n);
  return { embedded: `sk-proj-${alnum(48)}`, leaked: `sk-ant-api03-${alnum(86)}-${alnum(6)}AA` };
}

/** Runs the walkthrough; returns 0 when every step behaved as shown. */
export function runDemo(options: DemoOptions = {}): number {
  const out = options.out ?? say;
  const workspace = createWorkspace("backpack-demo-", "Backpack Demo");
  const root = workspace.root;
  const repo = join(root, "my-agent");
  mkdirSync(repo);
  const secrets = fakeSecrets();

  const run = (cmd: string, args: string[]): Step => workspace.run(cmd, args, { cwd: repo });
  const bp = (args: string[]) => workspace.backpack(args, { cwd: repo });
  const show = (text: string, indent = "    ") => {
    for (const line of text.replace(/\s+$/, "").split("\n")) out(`${indent}${line}`);
  };
  const must = (step: Step, what: string): Step => {
    if (step.status !== 0) {
      show(step.stderr || step.stdout);
      throw new BackpackError("INTERNAL", `demo step failed: ${what}`, "run `backpack doctor`, and report it if it persists");
    }
    return step;
  };
  const heading = (text: string) => out(`\n== ${text}`);
  let ok = true;

  try {
    out(`A throwaway repository: ${repo}`);
    out("(its own HOME and git config; your keys and settings are not touched)");

    heading("1. Wire the repository: `backpack setup`");
    must(run("git", ["init", "-q"]), "git init");
    show(must(bp(["setup"]), "backpack setup").stdout);

    heading("2. An agent.lock in the working tree is plain JSON you can edit");
    const doc = {
      version: 2,
      agent: { name: "demo-agent" },
      credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY_TOKEN: { source: "embedded", value: secrets.embedded } },
      personality: { system_prompt: "You are a careful financial analyst.", tone: "formal" },
      memory: { notes: ["The user prefers quarterly summaries."] },
    };
    writeFileAtomic(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    show(`agent.lock: ${Object.keys(doc.credentials).length} credentials (one embedded), a personality, memory`);
    must(run("git", ["add", "agent.lock"]), "git add");
    must(run("git", ["commit", "-q", "-m", "Add the agent"]), "git commit");

    heading("3. What git stored: ciphertext only (`git cat-file -p HEAD:agent.lock`)");
    const stored = must(run("git", ["cat-file", "-p", "HEAD:agent.lock"]), "git cat-file").stdout;
    show(stored.split("\n").map((l) => (l.length > 100 ? `${l.slice(0, 97)}...` : l)).join("\n"));
    const everything = must(run("git", ["cat-file", "--batch-all-objects", "--batch"]), "git cat-file --batch-all-objects").stdout;
    const leaked = everything.includes(secrets.embedded) || everything.includes("careful financial analyst");
    out(leaked ? "    !! plaintext found in the object store" : "    searched every object in .git: no plaintext of agent.lock");
    ok &&= !leaked;

    heading("4. Change the tone and add a memory; `git diff` shows decrypted layers, values redacted");
    doc.personality.tone = "friendly";
    doc.memory.notes.push("Fiscal year starts in April.");
    writeFileAtomic(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    const diff = must(run("git", ["diff"]), "git diff").stdout;
    show(diff);
    ok &&= !diff.includes(secrets.embedded);
    must(run("git", ["commit", "-q", "-am", "Friendlier tone"]), "git commit");

    heading("5. A secret pasted into code is blocked by the pre-commit hook");
    writeFileAtomic(join(repo, "agent.py"), `import anthropic\nclient = anthropic.Anthropic(api_key="${secrets.leaked}")\n`);
    must(run("git", ["add", "agent.py"]), "git add agent.py");
    const blocked = run("git", ["commit", "-q", "-m", "Add the agent script"]);
    show(`${blocked.stdout}${blocked.stderr}`);
    const wasBlocked = blocked.status !== 0;
    out(wasBlocked ? "    the commit was blocked; the secret itself was never printed" : "    !! the commit was NOT blocked");
    ok &&= wasBlocked && !`${blocked.stdout}${blocked.stderr}`.includes(secrets.leaked);

    heading(ok ? "Done: every step behaved as shown." : "Done, but a step did not behave as shown (see the !! lines).");
    if (!options.fast) {
      out("Next: `backpack setup` in your own repository, then `backpack init`. See README.md and docs/.");
    }
  } finally {
    if (options.keep) out(`(kept ${root})`);
    else workspace.remove();
  }
  return ok ? 0 : 1;
}
