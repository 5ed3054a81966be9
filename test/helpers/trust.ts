/**
 * Trusting a repository's backpack.toml as `backpack trust` does, in-process
 * (no CLI start-up), for tests of settings a repository may set only once
 * trusted (log_file, master_key_env, textconv.show_secrets, ...).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { trustRepository } from "../../src/config/trust.js";
import type { Sandbox } from "./sandbox.js";

/** Trusts `repo`'s backpack.toml, as it is now, for the sandbox's user. */
export function trustRepo(sb: Sandbox, repo: string): void {
  trustRepository(repo, readFileSync(join(repo, "backpack.toml")), sb.env);
}
