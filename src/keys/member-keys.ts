/**
 * Member keys: in a team repository (`.backpack/team.json`), a key that no
 * store holds is opened from its wrapped copy, `.backpack/keys/<group>.age`,
 * with the user's age identity. Each key is unwrapped at most once per
 * process (a checkout of a thousand files unwraps one key once), and, when
 * the identity itself came from a key store, the opened key is kept in that
 * same store, so later processes find it there and never load age at all.
 * An identity from BACKPACK_IDENTITY(_FILE) or key_command keeps nothing.
 *
 * The team file and key files come with the repository: read bounded,
 * refused when they are special files, and a key is used only when its
 * fingerprint is the one asked for.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { type RepoKey, exportRepoKey, storedKeyMatching } from "../core/key-material.js";
import { MAX_TEAM_FILE_BYTES, TEAM_FILE, type TeamDoc, groupOfKey, keyFilePath, parseTeam } from "../core/team.js";
import { isBackpackError } from "../errors/errors.js";
import { readRegularFile } from "../io/read-regular-file.js";
import { log } from "../output/log.js";
import type { LoadedIdentity } from "./identity.js";
import { repoKeyAccount } from "./key-source.js";

const MAX_KEY_FILE_BYTES = 64 * 1024;
/** The store account that says a key file (by digest) is not wrapped for the identity beside it: not a secret. */
const UNWRAP_MISS_PREFIX = "unwrap-miss:";

/** The team file of the working tree at `root`, or undefined when there is none. Throws INVALID_FILE for a damaged one. */
export function readTeamFile(root: string): TeamDoc | undefined {
  const text = readRegularFile(join(root, TEAM_FILE), MAX_TEAM_FILE_BYTES, TEAM_FILE);
  return text === undefined ? undefined : parseTeam(text, TEAM_FILE);
}

/** Keys opened with the user's identity from a team repository's key files. */
export interface MemberKeys {
  /** The team file here (read once), or undefined outside a team repository. */
  team(): TeamDoc | undefined;
  /** The key with this fingerprint, if it is a current team key wrapped for this user. Never throws. */
  tryKey(fingerprint: string): Promise<RepoKey | undefined>;
  /** Why the last lookup found nothing, for hints ("no identity", "not wrapped for you"), or undefined. */
  whyNot(): string | undefined;
}

export interface MemberKeysOptions {
  /** Top of the working tree; undefined outside a repository. */
  root: string | undefined;
  /** The user's identity (loaded on first need). */
  identity: () => Promise<LoadedIdentity | undefined>;
}

/** Member keys for the working tree at `options.root`. */
export function createMemberKeys(options: MemberKeysOptions): MemberKeys {
  let team: { doc?: TeamDoc } | undefined;
  let identity: Promise<LoadedIdentity | undefined> | undefined;
  const opened = new Map<string, Promise<RepoKey | undefined>>();
  let why: string | undefined;
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    log.warn(message);
  };

  const readTeam = (): TeamDoc | undefined => {
    if (team) return team.doc;
    team = {};
    if (!options.root) return undefined;
    try {
      const doc = readTeamFile(options.root);
      if (doc) team.doc = doc;
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      warnOnce(`${error.message}; its keys cannot be opened`);
    }
    return team.doc;
  };

  const open = async (fingerprint: string): Promise<RepoKey | undefined> => {
    const doc = readTeam();
    if (!doc || !options.root) return undefined;
    const group = groupOfKey(doc, fingerprint);
    if (!group) return undefined;
    try {
      const found = await (identity ??= options.identity());
      if (!found) {
        why = "you have no age identity here (`backpack identity`, BACKPACK_IDENTITY_FILE)";
        return undefined;
      }
      const path = keyFilePath(group);
      const armored = readRegularFile(join(options.root, path), MAX_KEY_FILE_BYTES, path);
      if (armored === undefined) {
        warnOnce(`${path} is missing: the ${group} key cannot be opened`);
        return undefined;
      }
      // A key file already found not to be wrapped for this identity (a layer this member does not read,
      // with a key per layer): remembered beside the identity by the file's digest, so later processes
      // skip loading age for it; any change to the key file (a rewrap) makes it be tried again.
      const digest = createHash("sha256").update(armored).digest("hex").slice(0, 32);
      const missAccount = `${UNWRAP_MISS_PREFIX}${fingerprint}`;
      const notForMe = () => {
        why = `${path} is not wrapped for your identity (from ${found.origin}): ask a member to \`backpack team add\` you`;
        return undefined;
      };
      if (found.store && (await found.store.get(missAccount).catch(() => undefined)) === digest) return notForMe();
      // age is a part of its own (dist/git/age.cjs): loaded only when a key must be unwrapped.
      const { unwrapWithIdentities } = await import("./age.js");
      const text = await unwrapWithIdentities(armored, found.identities, path);
      if (text === undefined) {
        if (found.store?.writable) await found.store.set(missAccount, digest).catch(() => undefined);
        return notForMe();
      }
      const key = storedKeyMatching(text, fingerprint);
      if (!key) {
        warnOnce(`${path} does not hold the key ${fingerprint} that ${TEAM_FILE} names; ask a member to run \`backpack team rewrap\``);
        return undefined;
      }
      log.debug("opened a member key", { key: fingerprint, identity: found.origin });
      if (found.store?.writable) {
        // Kept beside the identity that opens it anyway: later processes skip age entirely.
        try {
          await found.store.set(repoKeyAccount(fingerprint), exportRepoKey(key.key));
        } catch (error) {
          log.debug("could not keep the opened key", { error: error instanceof Error ? error.name : "error" });
        }
      }
      return key;
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      warnOnce(error.message);
      why = error.hint;
      return undefined;
    }
  };

  return {
    team: readTeam,
    tryKey(fingerprint) {
      let found = opened.get(fingerprint);
      if (!found) {
        found = open(fingerprint);
        opened.set(fingerprint, found);
      }
      return found;
    },
    whyNot: () => why,
  };
}
