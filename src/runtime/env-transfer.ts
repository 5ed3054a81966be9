/**
 * Moving credentials between a `.env` file and backpack: `env import` puts
 * each value into the personal vault and a placeholder into agent.lock;
 * `env export` writes the agent's credentials back out as KEY=value lines.
 * Names only ever appear in what these return; values stay inside.
 */
import { existsSync } from "node:fs";
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";
import { resolve } from "node:path";
import { audit } from "../output/audit.js";
import { BackpackError } from "../errors/errors.js";
import { loadAgentFile, saveAgentFile } from "../agent-file/agent-file.js";
import { saveOptionsFor } from "../agent-file/agent-file.js";
import { parseEnvText, renderEnvLine } from "../agent-file/env-file.js";
import { createAgentDocument } from "../agent-file/init.js";
import { protectSecrets } from "../output/log.js";
import { resolveCredentials } from "./credentials.js";
import { contextForFile, updateAgentFile } from "./update.js";
import { Vault } from "../keys/vault.js";
import { credentialValueProblem } from "../core/types.js";

export interface ImportOptions {
  envFile: string;
  agentFile: string;
  env?: NodeJS.ProcessEnv;
  /** Replace a different value already in the vault (default: keep the vault's). */
  overwrite?: boolean;
}

export interface ImportResult {
  /** Newly stored in the vault (or replaced with --overwrite). */
  stored: string[];
  /** The vault already held the same value. */
  unchanged: string[];
  /** The vault holds a different value, kept (the .env value was not imported). */
  kept: string[];
  /** Not importable, and why. */
  skipped: Array<{ name: string; reason: "invalid-name" | "empty" }>;
  /** Were embedded in agent.lock; now vault placeholders. */
  unembedded: string[];
  /** agent.lock did not exist and was created. */
  createdAgentFile: boolean;
  /** The vault store written to. */
  store: string | undefined;
  /** Names whose .env value is not in the vault (kept or not storable): deleting the .env would lose them. */
  notImported: string[];
}

function readEnvFile(path: string): string {
  try {
    return readTextBounded(path, { limit: READ_LIMITS.env, label: path });
  } catch (error) {
    if (error instanceof BackpackError && error.code === "NOT_FOUND") {
      throw new BackpackError("NOT_FOUND", `${path} does not exist`, "name the .env file: `backpack env import path/to/.env`");
    }
    throw error;
  }
}

/** Imports a .env file's values into the vault and their placeholders into agent.lock. */
export async function importEnvFile(options: ImportOptions): Promise<ImportResult> {
  const env = options.env ?? process.env;
  const agentFile = resolve(options.agentFile);
  const ctx = contextForFile(agentFile, env);
  const vault = new Vault(ctx.sources);
  const parsed = parseEnvText(readEnvFile(options.envFile));
  // An agent.lock that cannot be opened (no key, damaged) fails now, before any value moves.
  if (existsSync(agentFile)) await loadAgentFile(agentFile, ctx.resolver);
  protectSecrets(parsed.entries.map((e) => e.value));
  const result: ImportResult = { stored: [], unchanged: [], kept: [], skipped: parsed.skipped, unembedded: [], createdAgentFile: false, store: undefined, notImported: [] };
  // Every value checked before the first is stored: a bad one stops the import with nothing changed.
  for (const { name, value } of parsed.entries) {
    const problem = credentialValueProblem(value);
    if (problem) throw new BackpackError("USAGE", `${name} in ${options.envFile} ${problem}`, "fix the value in the .env file; nothing was imported");
  }
  for (const { name, value } of parsed.entries) {
    const existing = await vault.get(name);
    if (existing === value) {
      result.unchanged.push(name);
      continue;
    }
    if (existing && !options.overwrite) {
      result.kept.push(name);
      continue;
    }
    result.store = await vault.add(name, value);
    result.stored.push(name);
  }
  // Read every value back before anyone deletes the .env: lose nothing.
  for (const name of result.stored) {
    const back = await vault.get(name);
    const value = parsed.entries.find((e) => e.name === name)?.value;
    if (back !== value) {
      throw new BackpackError("KEYCHAIN", `${name} did not read back from the vault as stored`, "check the key store with `backpack doctor`; the .env file was left as it is");
    }
  }
  const names = [...result.stored, ...result.unchanged, ...result.kept];
  if (existsSync(agentFile)) {
    await updateAgentFile(
      agentFile,
      (doc) => {
        for (const name of names) {
          const entry = doc.credentials[name];
          if (entry?.source === "vault") continue;
          if (entry?.source === "embedded") result.unembedded.push(name);
          doc.credentials[name] = { source: "vault", ...(entry?.description ? { description: entry.description } : {}) };
        }
      },
      { env },
    );
  } else {
    saveAgentFile(agentFile, createAgentDocument({ credentials: names }), await saveOptionsFor(ctx, undefined, agentFile));
    result.createdAgentFile = true;
  }
  result.notImported = [...result.kept, ...result.skipped.filter((s) => s.reason === "invalid-name").map((s) => s.name)];
  return result;
}

export interface ExportResult {
  text: string;
  written: string[];
  missing: string[];
}

/** The agent's credentials as .env text (resolved as `backpack run` does: environment, embedded, vault). */
export async function exportEnvText(agentFile: string, env: NodeJS.ProcessEnv = process.env): Promise<ExportResult> {
  const file = resolve(agentFile);
  const ctx = contextForFile(file, env);
  const loaded = await loadAgentFile(file, ctx.resolver);
  const resolved = await resolveCredentials(loaded.doc, env, new Vault(ctx.sources));
  const lines = [`# Written by \`backpack env export\` from ${agentFile}: credentials in plain text. Never commit this file.`];
  const result: ExportResult = { text: "", written: [], missing: [] };
  for (const c of resolved) {
    if (c.value === undefined || c.source === undefined) {
      lines.push(`# ${c.name}: not set (add it with \`backpack key add ${c.name}\`)`);
      result.missing.push(c.name);
      continue;
    }
    lines.push(renderEnvLine(c.name, c.value));
    result.written.push(c.name);
    audit({ event: "credential.access", name: c.name, source: c.source, outcome: "read", agent: file });
  }
  result.text = `${lines.join("\n")}\n`;
  return result;
}
