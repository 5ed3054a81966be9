/**
 * Gathering an agent for `backpack export` (its decrypted agent.lock and the
 * scripts beside it) and unpacking a bundle's files for `backpack import`.
 * The encryption itself is src/core/bundle.ts.
 */
import { existsSync, statSync } from "node:fs";
import { READ_LIMITS, readFileBounded } from "../io/bounded-read.js";
import { agentLockSymlinkPolicy } from "./read-text.js";
import { basename, dirname, join } from "node:path";
import { BackpackError } from "../errors/errors.js";
import type { BundlePayload } from "../core/bundle.js";
import { SHARED_HELPER } from "../core/template.js";
import type { KeyResolver } from "../keys/resolver.js";
import { loadAgentFile } from "./agent-file.js";
import type { ScaffoldFile } from "./scaffold.js";

/** Scripts taken along when none are named: the ones quickstart and the templates write (agent.py with the helper it imports). */
export const DEFAULT_SCRIPTS = ["agent.py", SHARED_HELPER, "agent.js"];

export interface GatherOptions {
  /** Script paths to include; undefined takes DEFAULT_SCRIPTS found beside the agent.lock. */
  scripts?: string[];
  resolver: KeyResolver;
}

/** The payload of a bundle for the agent.lock at `lockPath`. */
export async function gatherAgent(lockPath: string, options: GatherOptions): Promise<BundlePayload> {
  const loaded = await loadAgentFile(lockPath, options.resolver);
  const paths = options.scripts ?? DEFAULT_SCRIPTS.map((name) => join(dirname(lockPath), name)).filter((path) => existsSync(path));
  const files = paths.map((path) => {
    let content: Buffer;
    let mode: number;
    try {
      content = readFileBounded(path, { limit: READ_LIMITS.bundle, label: path, symlinks: agentLockSymlinkPolicy(path) });
      mode = statSync(path).mode & 0o777;
    } catch (error) {
      if (error instanceof BackpackError && error.code !== "IO") throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new BackpackError(code === "ENOENT" ? "NOT_FOUND" : "IO", `cannot read ${path} (${code ?? "error"})`, "name a script that exists, or pass --no-script");
    }
    return { name: basename(path), mode, content: content.toString("base64url") };
  });
  return { agent: loaded.doc, files };
}

/** A bundle's files, ready to write. */
export function bundledFiles(payload: BundlePayload): ScaffoldFile[] {
  return payload.files.map((f) => ({ name: f.name, content: Buffer.from(f.content, "base64url"), mode: f.mode }));
}
