/**
 * `key_command` (user config only): a command that prints a key or an age
 * identity, for teams that keep them in 1Password (`op read`), Vault, or a
 * cloud secret manager. Run at most once per process, as an argv list with no
 * shell (a user who wants one writes `["sh", "-c", "..."]`), stdin closed (git's
 * filter protocol owns stdin), stdout captured and bounded, stderr discarded
 * (a misconfigured command might print the secret there), with a timeout.
 * Every failure is a KEYCHAIN error that names the command's program and what
 * went wrong, never anything it printed.
 */
import { nodeChildProcess } from "../io/lazy-child-process.js";
import { basename } from "node:path";
import { parseExportedKey } from "../core/key-material.js";
import { BackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";

/** The prefix of an X25519 age identity (a secret key); the post-quantum hybrid one is AGE-SECRET-KEY-PQ-1. */
export const AGE_IDENTITY_PREFIX = "AGE-SECRET-KEY-1";

/** What the command printed, classified (the secret is kept only in memory). */
export type KeyCommandAnswer = { kind: "key"; key: Buffer } | { kind: "identity"; identities: string[] };

/** The key_command setting: the argv, and the timeout in seconds. */
export interface KeyCommandSettings {
  argv: readonly string[];
  timeoutSeconds: number;
}

const MAX_OUTPUT_BYTES = 64 * 1024;

/** Age identity lines in a text (comments and blank lines skipped); undefined when the text holds anything else. */
export function identityLines(text: string): string[] | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.length === 0 || !lines.every((l) => l.startsWith(AGE_IDENTITY_PREFIX) || l.startsWith("AGE-SECRET-KEY-PQ-1"))) return undefined;
  return lines;
}

function failure(program: string, what: string): BackpackError {
  return new BackpackError("KEYCHAIN", `key_command (${program}) ${what}`, "run the command yourself to see its messages; fix it or remove key_command from your config (`backpack config unset key_command`)");
}

/** Runs the key command and classifies its answer. Throws KEYCHAIN for every failure (no output is ever echoed). */
export function runKeyCommand(settings: KeyCommandSettings, env: NodeJS.ProcessEnv): KeyCommandAnswer {
  const [command, ...args] = settings.argv;
  if (!command) throw failure("(empty)", "is an empty list");
  const program = basename(command);
  log.debug("running key_command", { program });
  const result = nodeChildProcess().spawnSync(command, args, {
    env,
    stdio: ["ignore", "pipe", "ignore"],
    timeout: settings.timeoutSeconds * 1000,
    killSignal: "SIGKILL",
    maxBuffer: MAX_OUTPUT_BYTES,
    shell: false,
    windowsHide: true,
  });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") throw failure(program, "was not found");
  if (code === "EACCES") throw failure(program, "cannot be executed (permissions)");
  if (code === "ETIMEDOUT" || (result.signal === "SIGKILL" && !code)) throw failure(program, `did not answer within ${settings.timeoutSeconds} s and was stopped`);
  if (code === "ENOBUFS") throw failure(program, `printed more than ${MAX_OUTPUT_BYTES} bytes`);
  if (result.error) throw failure(program, `could not run (${code ?? "error"})`);
  if (result.signal) throw failure(program, `was killed by ${result.signal}`);
  if (result.status !== 0) throw failure(program, `failed (exit status ${result.status})`);
  const text = result.stdout.toString("utf8").trim();
  if (text === "") throw failure(program, "printed nothing");
  let key: Buffer | undefined;
  try {
    key = parseExportedKey(text);
  } catch {
    throw failure(program, "printed a damaged exported key (wrong length or characters)");
  }
  if (key) return { kind: "key", key };
  const identities = identityLines(text);
  if (identities) return { kind: "identity", identities };
  throw failure(program, "printed something that is neither an exported key (BACKPACK-KEY-1:…) nor an age identity (AGE-SECRET-KEY-1…)");
}

/** Runs the command once per process and settings; later calls get the same answer (or the same error). */
export function cachedKeyCommand(settings: KeyCommandSettings | undefined, env: NodeJS.ProcessEnv): () => KeyCommandAnswer | undefined {
  let answer: { value?: KeyCommandAnswer; error?: unknown } | undefined;
  return () => {
    if (!settings || settings.argv.length === 0) return undefined;
    if (!answer) {
      try {
        answer = { value: runKeyCommand(settings, env) };
      } catch (error) {
        answer = { error };
      }
    }
    if (answer.error) throw answer.error;
    return answer.value;
  };
}
