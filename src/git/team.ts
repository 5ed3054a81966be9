/**
 * `backpack team`: a repository whose key is wrapped with age for each member
 * (`.backpack/team.json` says who reads which layer; `.backpack/keys/<group>.age`
 * holds each group's key, wrapped for the members entitled to it), so every
 * member unlocks with their own identity and no key line passes between people.
 *
 * - init: the current user's identity becomes the first member; a new key,
 *   and every agent.lock re-encrypted with it (the old key was shared as a
 *   line, so it must not open what comes next);
 * - add: wraps the keys of the groups granted for the new member; nothing else changes;
 * - remove: new keys for every group the member could read, every agent.lock
 *   re-encrypted in the same change (key rotation, all or nothing), the new
 *   keys wrapped for the members left;
 * - rewrap: wraps the current keys again for the members the team file lists
 *   (after merging two membership changes, or a hand edit);
 *
 * Each writes the files and stages them (`git add .backpack`) with the
 * re-encrypted agent.lock blobs; the user commits.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { type RepoKey, exportRepoKey, newRepoKey } from "../core/key-material.js";
import {
  type Member,
  TEAM_DIR,
  TEAM_FILE,
  type TeamDoc,
  addMember,
  groupRecipients,
  keyFilePath,
  memberReadsGroup,
  newTeam,
  parseLayerList,
  removeMember,
  serializeTeam,
} from "../core/team.js";
import type { LayerName } from "../core/types.js";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { wrapForRecipients } from "../keys/age.js";
import { type LoadedIdentity, ensureIdentity, loadIdentity } from "../keys/identity.js";
import { cachedKeyCommand } from "../keys/key-command.js";
import { readTeamFile } from "../keys/member-keys.js";
import type { CommandContext } from "./context.js";
import { git } from "./exec.js";
import type { RepoInfo } from "./repo.js";
import { type RotateOptions, type RotateResult, rotateRepoKey } from "./rotate.js";

/** A file to write: absolute path and text. */
interface TeamWrite {
  path: string;
  text: string;
}

function requireRepo(ctx: CommandContext): RepoInfo {
  if (!ctx.repo) throw new BackpackError("GIT", "`backpack team` works inside a git repository", "cd into the repository");
  return ctx.repo;
}

/** The team file of the repository; USAGE when it is not a team repository. */
export function requireTeam(ctx: CommandContext): TeamDoc {
  const repo = requireRepo(ctx);
  const team = readTeamFile(repo.root);
  if (!team) throw new BackpackError("USAGE", "this repository has no team yet", "run `backpack team init --name YOUR_NAME` first");
  return team;
}

function identityOptions(ctx: CommandContext, env: NodeJS.ProcessEnv) {
  return { env, stores: ctx.sources.filter((s) => s.name !== "environment"), keyCommand: cachedKeyCommand(ctx.settings.keyCommand, env) };
}

/** The user's identity and recipient, made on first use with `create`. */
export async function myIdentity(ctx: CommandContext, env: NodeJS.ProcessEnv, create: boolean): Promise<{ identity: LoadedIdentity; recipient: string; created: boolean }> {
  return ensureIdentity({ ...identityOptions(ctx, env), create });
}

/** The user's identity if one is at hand (never made here). */
export async function identityIfAny(ctx: CommandContext, env: NodeJS.ProcessEnv): Promise<LoadedIdentity | undefined> {
  return loadIdentity(identityOptions(ctx, env));
}

/** The team file and every group's key file, wrapped for the members entitled to it. */
async function teamFiles(root: string, team: TeamDoc, keys: ReadonlyMap<string, RepoKey>, only?: ReadonlySet<string>): Promise<TeamWrite[]> {
  const writes: TeamWrite[] = [{ path: join(root, TEAM_FILE), text: serializeTeam(team) }];
  for (const group of Object.keys(team.keys)) {
    if (only && !only.has(group)) continue;
    const key = keys.get(group);
    if (!key) throw new BackpackError("INTERNAL", `no key for group ${group}`);
    writes.push({ path: join(root, keyFilePath(group)), text: await wrapForRecipients(exportRepoKey(key.key), groupRecipients(team, group)) });
  }
  return writes;
}

/** The current key of each group (needed to wrap it again); NO_KEY, saying why, when one is not at hand. */
async function currentKeys(ctx: CommandContext, team: TeamDoc, groups: Iterable<string>): Promise<Map<string, RepoKey>> {
  const keys = new Map<string, RepoKey>();
  for (const group of groups) {
    const g = team.keys[group];
    if (!g) continue;
    keys.set(group, await ctx.resolver.keyFor({ key: g.key }, `the ${group} key of ${TEAM_FILE}`));
  }
  return keys;
}

function stage(root: string): void {
  git(["add", "--", TEAM_DIR], { cwd: root });
}

/**
 * Writes the team file first, then the key files: a failure midway leaves a
 * member listed without their key (`team rewrap` mends it), never a key
 * wrapped for someone the team file does not show.
 */
function writeAll(writes: TeamWrite[]): void {
  for (const w of writes) {
    mkdirSync(dirname(w.path), { recursive: true });
    writeFileAtomic(w.path, w.text);
  }
}

export interface TeamChange {
  team: TeamDoc;
  /** The member added, removed or first. */
  member: Member;
  /** Set when keys were replaced: what the rotation did. */
  rotation?: RotateResult;
  /** Set by init when the user's identity was made now. */
  identityCreated?: boolean;
}

/** `team init`: the user's identity as the first member, a new key, every agent.lock re-encrypted. */
export async function teamInit(ctx: CommandContext, env: NodeJS.ProcessEnv, memberName: string, options: Pick<RotateOptions, "onProgress"> = {}): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  if (readTeamFile(repo.root)) throw new BackpackError("USAGE", `this repository already has a team (${TEAM_FILE})`, "see `backpack team list`; add members with `backpack team add`");
  const me = await myIdentity(ctx, env, true);
  const key = newRepoKey(randomBytes(32));
  const member: Member = { name: memberName, recipient: me.recipient, layers: ["credentials", "personality", "memory"] };
  const team = newTeam(member, key.fingerprint);
  const alsoWrite = await teamFiles(repo.root, team, new Map(Object.keys(team.keys).map((g) => [g, key])));
  const rotation = await rotateRepoKey(ctx, { newKey: key, alsoWrite, ...options });
  stage(repo.root);
  return { team, member, rotation, identityCreated: me.created };
}

/** `team add`: the member added, and the keys of the groups they read wrapped for them too. */
export async function teamAdd(ctx: CommandContext, name: string, recipient: string, layers: string | undefined): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const member: Member = { name, recipient: recipient.trim(), layers: parseLayerList(layers) };
  const next = addMember(team, member);
  const granted = new Set(Object.keys(next.keys).filter((g) => memberReadsGroup(member, next.keys[g] as TeamDoc["keys"][string])));
  const keys = await currentKeys(ctx, team, granted);
  writeAll(await teamFiles(repo.root, next, keys, granted));
  stage(repo.root);
  return { team: next, member };
}

/** `team remove`: new keys for what the member could read, every agent.lock re-encrypted, the keys wrapped for the members left. */
export async function teamRemove(ctx: CommandContext, name: string, options: Pick<RotateOptions, "onProgress" | "forgetOld"> = {}): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const { team: left, removed } = removeMember(team, name);
  const replaced = Object.keys(team.keys).filter((g) => memberReadsGroup(removed, team.keys[g] as TeamDoc["keys"][string]));
  if (replaced.length !== 1 || Object.keys(team.keys).length !== 1) {
    // Whole-file mode: one group, one key. (Per-layer groups would rotate each group they read.)
    throw new BackpackError("INTERNAL", "this team file has more than one key group, which this version cannot rotate", "upgrade backpack");
  }
  const group = replaced[0] as string;
  const newKey = newRepoKey(randomBytes(32));
  const next: TeamDoc = { ...left, keys: { ...left.keys, [group]: { ...(left.keys[group] as TeamDoc["keys"][string]), key: newKey.fingerprint } } };
  const alsoWrite = await teamFiles(repo.root, next, new Map([[group, newKey]]));
  const rotation = await rotateRepoKey(ctx, { newKey, alsoWrite, ...options });
  stage(repo.root);
  return { team: next, member: removed, rotation };
}

/** `team rotate` (and `key rotate` in a team repository): a new key, every agent.lock re-encrypted, wrapped for every member. */
export async function teamRotate(ctx: CommandContext, options: Pick<RotateOptions, "onProgress" | "forgetOld"> = {}): Promise<RotateResult> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const groups = Object.keys(team.keys);
  if (groups.length !== 1) throw new BackpackError("INTERNAL", "this team file has more than one key group, which this version cannot rotate", "upgrade backpack");
  const group = groups[0] as string;
  const newKey = newRepoKey(randomBytes(32));
  const next: TeamDoc = { ...team, keys: { [group]: { ...(team.keys[group] as TeamDoc["keys"][string]), key: newKey.fingerprint } } };
  const rotation = await rotateRepoKey(ctx, { newKey, alsoWrite: await teamFiles(repo.root, next, new Map([[group, newKey]])), ...options });
  stage(repo.root);
  return rotation;
}

/** `team rewrap`: every group's current key wrapped again for the members the team file lists. */
export async function teamRewrap(ctx: CommandContext): Promise<TeamDoc> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const keys = await currentKeys(ctx, team, Object.keys(team.keys));
  writeAll(await teamFiles(repo.root, team, keys));
  stage(repo.root);
  return team;
}

/** What this user can open here: their member entry (matched by recipient) and the layers of the keys they unwrap. */
export interface MyAccess {
  identity?: { origin: string; recipient: string };
  member?: Member;
  /** Layers whose key is at hand (opened now, or already in a store). */
  readable: LayerName[];
}

/** Which member this user is and which layers they can open; never throws for a missing identity. */
export async function myAccess(ctx: CommandContext, env: NodeJS.ProcessEnv, team: TeamDoc): Promise<MyAccess> {
  const access: MyAccess = { readable: [] };
  const identity = await identityIfAny(ctx, env);
  if (identity) {
    const { recipientOf } = await import("../keys/age.js");
    const recipient = await recipientOf(identity.identities[0] as string, identity.origin);
    access.identity = { origin: identity.origin, recipient };
    const member = team.members.find((m) => m.recipient === recipient);
    if (member) access.member = member;
  }
  for (const group of Object.values(team.keys)) {
    if (await ctx.resolver.tryKeyFor({ key: group.key })) access.readable.push(...group.layers);
  }
  return access;
}
