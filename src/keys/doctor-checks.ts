/**
 * Doctor checks of the key sources: their order and which answer, the
 * keychain's status with its reason, the file store's permissions,
 * AGENT_MASTER_KEY, the key this place uses, and the vault.
 */
import { statSync } from "node:fs";
import { unlockKeyFromText } from "../core/key-material.js";
import type { DoctorCheck } from "../config/doctor-check.js";
import type { DoctorContext } from "./doctor-context.js";
import { isBackpackError } from "../errors/errors.js";
import { FileKeySource } from "./file-source.js";
import { availableStores, unlockHint, writableStore } from "./sources.js";
import { Vault } from "./vault.js";

const KEYCHAIN_FIX =
  "to use the OS keychain, install backpack with its optional dependencies (@napi-rs/keyring comes built; keytar builds against libsecret on Linux) and run a Secret Service (e.g. gnome-keyring) in a D-Bus session; or set BACKPACK_KEYCHAIN=off to use only the file store";

async function sourceChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const order = ctx.sources.map((s) => s.name);
  if (ctx.env.BACKPACK_KEYCHAIN === "off") order.splice(1, 0, "(keychain: off)");
  checks.push({ label: "key sources", ok: true, detail: `tried in this order: ${order.join(", ")}` });
  for (const [i, source] of ctx.sources.entries()) {
    const label = `${i + 1}. ${source.name}`;
    // A damaged store throws (it is never skipped as empty): doctor shows why, with the fix.
    const ready = await source.available().catch((error: unknown) => (isBackpackError(error) ? error.message : "unreadable"));
    const detail = await source.describe();
    if (ready === true) {
      checks.push({ label, ok: true, detail });
    } else if (source.name === "environment") {
      checks.push({ label, ok: true, detail });
    } else if (source.name === "keychain") {
      checks.push({ label, ok: false, advisory: true, detail, fix: KEYCHAIN_FIX });
    } else {
      checks.push({ label, ok: false, detail, fix: source instanceof FileKeySource ? `repair ${source.path} or restore it from a backup; or move it away and import your keys again (\`backpack key import\`)` : "see --debug output" });
    }
    if (source instanceof FileKeySource && ready === true) {
      let mode: number | undefined;
      try {
        mode = statSync(source.path).mode & 0o777;
      } catch {
        mode = undefined; // not created yet
      }
      if (mode !== undefined && (mode & 0o077) !== 0) {
        checks.push({ label: "file store", ok: false, detail: `${source.path} is readable by others (mode ${mode.toString(8)})`, fix: `chmod 600 ${source.path}` });
      }
    }
  }
  if (ctx.env.BACKPACK_KEYCHAIN === "off") {
    checks.push({ label: "keychain", ok: true, detail: "turned off by BACKPACK_KEYCHAIN=off: keys live in the file store" });
  }
  try {
    const target = await writableStore(await availableStores(ctx.sources));
    checks.push({ label: "new keys go to", ok: true, detail: `the ${target.name} store` });
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    checks.push({ label: "new keys go to", ok: false, detail: error.message, fix: error.hint ?? "" });
  }
  return checks;
}

async function masterKeyCheck(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const variable = ctx.settings.masterKeyEnv;
  const text = ctx.env[variable];
  if (!text) return [];
  try {
    const unlock = unlockKeyFromText(text);
    if (unlock.kind === "passphrase" && ctx.repo?.keyFingerprint && !ctx.repo.kdf) {
      return [{ label: variable, ok: true, detail: "holds a passphrase; this repository's key is random, so it is not used here (it still opens format 1.0 files)" }];
    }
    return [];
  } catch {
    return [{ label: variable, ok: false, detail: "holds a damaged exported key (wrong length or characters)", fix: "set it to the whole line `backpack key export` printed, or unset it" }];
  }
}

async function keyInUseCheck(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const label = ctx.repo ? "repository key" : "default key";
  if (ctx.repo && !ctx.repo.keyFingerprint) {
    return [{ label, ok: false, advisory: true, detail: "this repository has no key yet", fix: "`backpack setup` makes one; `backpack key import` uses a teammate's" }];
  }
  try {
    const key = await ctx.resolver.defaultKey();
    return [{ label, ok: true, detail: `key ${key.fingerprint} is at hand${key.kdf ? ` (from the passphrase in ${ctx.settings.masterKeyEnv})` : ""}` }];
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    if (!ctx.repo && error.code === "NO_KEY" && /no key has been created/.test(error.message)) {
      return [{ label, ok: true, detail: "none yet (`backpack init` makes one for files outside repositories)" }];
    }
    return [{ label, ok: false, detail: error.message, fix: error.code === "NO_KEY" ? unlockHint(ctx.settings.masterKeyEnv) : (error.hint ?? "") }];
  }
}

async function vaultCheck(ctx: DoctorContext): Promise<DoctorCheck[]> {
  let entries;
  try {
    entries = await new Vault(ctx.sources).list();
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return [{ label: "vault", ok: false, detail: error.message, fix: error.hint ?? "" }];
  }
  const stores = [...new Set(entries.map((e) => e.store))];
  return [{ label: "vault", ok: true, detail: entries.length ? `${entries.length} credential name(s) in the ${stores.join(" and ")} store` : "empty (`backpack key add NAME` adds one)" }];
}

/** Every key-related doctor check. */
export async function keyChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  return [...(await sourceChecks(ctx)), ...(await masterKeyCheck(ctx)), ...(await keyInUseCheck(ctx)), ...(await vaultCheck(ctx))];
}
