/**
 * `backpack tutorial`: the everyday commands, one step at a time, run for
 * real in a throwaway workspace (its own HOME, git config and key store).
 * Each step says what it shows and which commands it runs, waits for Enter
 * (s skips it, q stops), runs them and shows their output. With
 * --non-interactive (or CI set) it runs every step without pausing; that is
 * what the tests run. Fake values only: nothing here is a real secret.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { paint, say } from "../output/output.js";
import type { Prompter } from "../terminal/prompt.js";
import { type StepResult, type Workspace, createWorkspace } from "./workspace.js";
import { writeFileAtomic } from "../io/atomic-write.js";

export interface TutorialOptions {
  ask: Prompter;
  /** Command names this build has, and its git entry points as "git NAME" (steps needing others are skipped, and say so). */
  available: ReadonlySet<string>;
  /** Keep the workspace and print its path. */
  keep?: boolean;
  out?: (line: string) => void;
}

/** What a step runs: the command line as shown, and how to run it. */
interface Action {
  show: string;
  run: (ws: Workspace, dir: string) => StepResult;
  /** Show only the first lines of long output. */
  maxLines?: number;
}

interface Step {
  title: string;
  explain: string[];
  /** Top-level commands the step needs. */
  needs: string[];
  /** Later steps build on it: it cannot be skipped (only quit). */
  essential?: boolean;
  actions: Action[];
}

const AGENT = "my-agent";
const PASSPHRASE = "tutorial passphrase 42";
/** A fake value in no provider's format (so no scanner flags it). */
const FAKE_VALUE = "tutorial-not-a-real-key-000000";

const bp = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; maxLines?: number; show?: string } = {}): Action => ({
  show: options.show ?? `backpack ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`,
  run: (ws, dir) => ws.backpack(args, { cwd: dir, input: options.input, env: options.env }),
  ...(options.maxLines ? { maxLines: options.maxLines } : {}),
});
const git = (args: string[], maxLines?: number): Action => ({
  show: `git ${args.join(" ")}`,
  run: (ws, dir) => ws.run("git", args, { cwd: dir }),
  ...(maxLines ? { maxLines } : {}),
});

/** The steps, in order. */
function steps(): Step[] {
  return [
    {
      title: "A repository for the agent",
      explain: [
        "backpack keeps agent.lock in git. `backpack setup` wires a repository: the filters that encrypt",
        "agent.lock on commit and decrypt it on checkout, the diff and merge drivers, the pre-commit hook, a key.",
      ],
      needs: ["setup"],
      essential: true,
      actions: [git(["init", "-q"]), bp(["setup"])],
    },
    {
      title: "Create the agent",
      explain: [
        "`backpack quickstart` asks for a name, the credentials it needs and its personality, then writes",
        "agent.lock and a starter script. Here the answers come as flags; without them it asks.",
      ],
      needs: ["quickstart"],
      essential: true,
      actions: [bp(["quickstart", "--non-interactive", "--name", AGENT, "--credentials", "WEATHER_API_KEY", "--system-prompt", "You are a concise weather assistant.", "--lang", "py"])],
    },
    {
      title: "Look inside",
      explain: [
        "`backpack info` says what the file is and what it needs (names only, never values);",
        "`backpack show` prints the decrypted layers with credential values redacted.",
      ],
      needs: ["info", "show"],
      actions: [bp(["info"]), bp(["show"])],
    },
    {
      title: "Keep a credential in your keychain",
      explain: [
        "agent.lock only names WEATHER_API_KEY. The value goes into your personal vault (the OS keychain,",
        "or a 0600 file on headless machines): `backpack key add` asks for it at a hidden prompt.",
        "Here it is piped in, and it is a fake.",
      ],
      needs: ["key"],
      actions: [bp(["key", "add", "WEATHER_API_KEY"], { input: `${FAKE_VALUE}\n`, show: "backpack key add WEATHER_API_KEY      (typed at a hidden prompt)" })],
    },
    {
      title: "Run the agent",
      explain: [
        "`backpack run` puts the credentials (environment first, then agent.lock, then the vault), the",
        "personality and the agent.lock's path (for its memory) into the script's environment.",
        "The starter script counts its runs in memory, through `backpack memory set`.",
      ],
      needs: ["run", "memory"],
      actions: [bp(["run", "--non-interactive", "agent.py", "Will it rain?"]), bp(["memory", "show"])],
    },
    {
      title: "Commit: git stores only ciphertext",
      explain: ["The clean filter encrypts agent.lock layer by layer; what git stores has a plaintext header and one encrypted line per layer."],
      needs: ["setup", "git pre-commit"],
      actions: [git(["add", "agent.lock", "agent.py", "backpack_agent.py"]), git(["commit", "-q", "-m", "Add the agent"]), git(["show", "HEAD:agent.lock"], 12)],
    },
    {
      title: "Change it, and read the change",
      explain: [
        "In the working tree agent.lock is plain JSON: edit it in your editor (here the tone changes to",
        "formal). `git diff` shows the decrypted layers, credential values redacted; `backpack status` sums up.",
      ],
      // It changes what step 6 committed.
      needs: ["setup", "status", "git textconv", "git pre-commit"],
      actions: [
        {
          show: "(edit agent.lock: the tone becomes formal)",
          run: (_ws, dir) => {
            const path = join(dir, "agent.lock");
            const doc = JSON.parse(readFileSync(path, "utf8"));
            doc.personality.tone = "formal";
            writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`);
            return { status: 0, stdout: "", stderr: "" };
          },
        },
        git(["diff"]),
        bp(["status"]),
      ],
    },
    {
      title: "Templates",
      explain: ["Seven ready-made agents (financial analyst, code reviewer, ...): `backpack template use NAME` sets one up."],
      needs: ["template"],
      actions: [bp(["template", "list"])],
    },
    {
      title: "Take the agent to another machine",
      explain: [
        "`backpack export` writes one file encrypted under a passphrase (asked at a hidden prompt; here from",
        "a variable); `backpack import` opens it anywhere and writes agent.lock under that machine's key.",
      ],
      needs: ["export", "import", "info"],
      actions: [
        bp(["export", "agent.backpack", "--passphrase-env", "BUNDLE_PASSPHRASE"], { env: { BUNDLE_PASSPHRASE: PASSPHRASE } }),
        bp(["import", "agent.backpack", "--dir", "../elsewhere", "--passphrase-env", "BUNDLE_PASSPHRASE"], { env: { BUNDLE_PASSPHRASE: PASSPHRASE } }),
        { show: "cd ../elsewhere && backpack info", run: (ws, dir) => ws.backpack(["info"], { cwd: join(dir, "..", "elsewhere") }) },
      ],
    },
  ];
}

/** Runs the tutorial; returns 0 when every step that ran succeeded, else 1 (the failed step is named). */
export async function runTutorial(options: TutorialOptions): Promise<number> {
  const out = options.out ?? say;
  const ws = createWorkspace("backpack-tutorial-", "Backpack Tutorial");
  const dir = join(ws.root, AGENT);
  mkdirSync(dir);
  const indent = (text: string, maxLines?: number) => {
    const lines = text.replace(/\s+$/, "").split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
    const shown = maxLines && lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`] : lines;
    for (const line of shown) if (line !== "") out(`    ${line}`);
  };
  const all = steps();
  let failed: string | undefined;
  let quit = false;
  try {
    out(paint.bold("backpack tutorial"));
    out(paint.dim(`A throwaway workspace: ${ws.root} (its own HOME, git config and key store; yours are not touched).`));
    for (const [i, step] of all.entries()) {
      out("");
      out(paint.bold(`${i + 1}/${all.length} ${step.title}`));
      const missing = step.needs.filter((name) => !options.available.has(name));
      if (missing.length) {
        out(paint.dim(`    (skipped: this build has no \`backpack ${missing.join("`, `backpack ")}\`)`));
        continue;
      }
      for (const line of step.explain) out(`  ${line}`);
      if (options.ask.mode !== "defaults") {
        const what = step.actions.length === 1 ? "it" : `these ${step.actions.length} commands`;
        const answer = await options.ask.text({
          message: step.essential ? `Enter runs ${what} (the next steps build on it), q quits` : `Enter runs ${what}, s skips, q quits`,
          default: "",
          validate: (a) => {
            if (/^(|q|quit)$/i.test(a) || (!step.essential && /^(s|skip)$/i.test(a))) return undefined;
            return step.essential ? "press Enter to run it, or type q to quit" : "press Enter, or type s or q";
          },
        });
        if (/^q/i.test(answer)) {
          quit = true;
          break;
        }
        if (/^s/i.test(answer)) continue;
      }
      for (const action of step.actions) {
        out(`  ${paint.dim("$")} ${action.show}`);
        const r = action.run(ws, dir);
        indent(`${r.stdout}${r.stderr}`, action.maxLines);
        if (r.status !== 0) {
          failed = `step ${i + 1} (${step.title}): \`${action.show}\` exited with ${r.status}`;
          break;
        }
      }
      if (failed) break;
    }
    out("");
    if (failed) out(paint.yellow(`Stopped: ${failed}. \`backpack doctor\` may say why.`));
    else if (quit) out("Stopped. Run `backpack tutorial` again any time.");
    else out(paint.bold("Done. Next: `backpack quickstart` in your own project, and see docs/commands.md."));
  } finally {
    if (options.keep) out(paint.dim(`(kept ${ws.root})`));
    else ws.remove();
  }
  return failed ? 1 : 0;
}
