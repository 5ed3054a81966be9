/**
 * `backpack export` and `backpack import`: the IO around the bundle format of
 * src/core/bundle.ts (which file, which passphrase, where to write).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { READ_LIMITS, readFileBounded, readStdinBounded } from "../io/bounded-read.js";
import { resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { openBundle, sealBundle } from "../core/bundle.js";
import { bundledFiles, gatherAgent } from "../agent-file/bundle-files.js";
import { openContext } from "../git/context.js";
import { openRepositoryContext } from "./repository-context.js";
import { writeScaffold } from "../agent-file/scaffold.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { reportCreated } from "./agent-created.js";
import { emit, note, paint, say } from "../output/output.js";
import { readPassphrase } from "./passphrase.js";
import { startProgress } from "../terminal/progress.js";

export interface ExportOptions {
  file?: string;
  from: string;
  /** Files to include; undefined: agent.py (with backpack_agent.py) / agent.js beside the agent.lock. */
  scripts?: string[];
  passphraseEnv?: string;
  force?: boolean;
  nonInteractive?: boolean;
}

/** A file name from an agent's name: "Support Bot" -> "support-bot.backpack". */
function bundleNameFor(agentName: string | undefined): string {
  const slug = (agentName ?? "").toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return `${slug || "agent"}.backpack`;
}

/** Runs scrypt-heavy work under a progress line (it takes about half a second). */
async function withKeyDerivation<T>(work: () => Promise<T>): Promise<T> {
  const progress = startProgress("deriving the key from the passphrase");
  try {
    return await work();
  } finally {
    progress.done();
  }
}

export async function exportAgent(options: ExportOptions): Promise<void> {
  const ctx = await openRepositoryContext();
  const payload = await gatherAgent(options.from, { scripts: options.scripts, resolver: ctx.resolver });
  const target = options.file ?? bundleNameFor(payload.agent.agent?.name);
  const toStdout = target === "-";
  if (!toStdout && existsSync(target) && !options.force) {
    throw new BackpackError("USAGE", `${target} already exists`, "pass --force to replace it, or name another file");
  }
  const passphrase = await readPassphrase({ envVar: options.passphraseEnv, isNew: true, nonInteractive: options.nonInteractive });
  const text = await withKeyDerivation(() => sealBundle(payload, passphrase, { salt: randomBytes(16), nonce: randomBytes(12) }));
  const credentials = Object.values(payload.agent.credentials);
  const embedded = credentials.filter((c) => c.source === "embedded").length;
  if (toStdout) {
    emit(text);
  } else {
    try {
      writeFileAtomic(target, text, { mode: 0o600 });
    } catch (error) {
      throw new BackpackError("IO", `cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check the folder exists and is writable");
    }
  }
  const report = toStdout ? note : say;
  const files = payload.files.map((f) => f.name);
  report(`${paint.green("exported")} ${payload.agent.agent?.name ? `"${payload.agent.agent.name}" ` : ""}to ${toStdout ? "stdout" : target} (agent.lock${files.length ? `, ${files.join(", ")}` : ""})`);
  if (embedded > 0) report(`${embedded} embedded credential value${embedded === 1 ? " is" : "s are"} inside the bundle: keep it as safe as the passphrase`);
  if (credentials.length > embedded) {
    const named = credentials.length - embedded;
    report(paint.dim(`${named} credential${named === 1 ? " travels" : "s travel"} by name only (${named === 1 ? "its value is" : "their values are"} in your keychain or environment): add ${named === 1 ? "it" : "them"} on the other machine with \`backpack key add\``));
  }
}

export interface ImportOptions {
  file: string;
  dir: string;
  withFiles: boolean;
  passphraseEnv?: string;
  force?: boolean;
  nonInteractive?: boolean;
}

export async function importAgent(options: ImportOptions): Promise<void> {
  const fromStdin = options.file === "-";
  if (fromStdin && options.passphraseEnv === undefined) {
    throw new BackpackError("USAGE", "a bundle read from stdin needs --passphrase-env", "stdin cannot carry both the bundle and the passphrase; or name the bundle file");
  }
  let text: string;
  try {
    text = (fromStdin ? readStdinBounded(READ_LIMITS.bundle, "the bundle on stdin") : readFileBounded(options.file, { limit: READ_LIMITS.bundle, label: options.file })).toString("utf8");
  } catch (error) {
    if (error instanceof BackpackError && error.code === "NOT_FOUND") throw new BackpackError("NOT_FOUND", `${options.file} does not exist`, "name a bundle made by `backpack export`");
    throw error;
  }
  const passphrase = await readPassphrase({ envVar: options.passphraseEnv, isNew: false, nonInteractive: options.nonInteractive });
  const name = fromStdin ? "the bundle on stdin" : options.file;
  const payload = await withKeyDerivation(() => openBundle(text, passphrase, name));
  const files = options.withFiles ? bundledFiles(payload) : [];
  const result = await writeScaffold(resolve(options.dir), payload.agent, files, openContext, { force: options.force });
  const missing = Object.entries(payload.agent.credentials)
    .filter(([, c]) => c.source === "vault")
    .map(([credential]) => credential);
  const entry = files.find((f) => /\.(py|js|mjs|cjs|ts|sh)$/.test(f.name))?.name;
  reportCreated({ result, credentials: missing, entry, dir: options.dir });
}
