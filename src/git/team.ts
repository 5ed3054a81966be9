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
 *
 * The team file decides who receives keys, and it arrives with the
 * repository: add, remove, rotate and rewrap wrap keys only for the team this
 * user last wrote or trusted in this clone (git/team-trust.ts); any other
 * change to it is shown and refused until `backpack team trust`.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { type RepoKey, exportRepoKey, newRepoKey } from "../core/key-material.js";
import {
  FILE_GROUP,
  type KeyGroup,
  type Member,
  TEAM_DIR,
  WHOLE_FILE_GROUP,
  groupOfLayer,
  isLayered,
  layeredGroups,
  newLayeredTeam,
  readersOf,
  TEAM_FILE,
  type TeamDoc,
  addMember,
  groupRecipients,
  keyFilePath,
  memberReadsGroup,
  parseLayerList,
  removeMember,
  serializeTeam,
} from "../core/team.js";
import { LAYER_NAMES, type LayerName } from "../core/types.js";
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
import { forgetTrustedTeam, recordTrustedTeam, requireTrustedTeam, untrustedChanges } from "./team-trust.js";

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
  /** Set by add when the team's single key was split into a key per layer. */
  split?: boolean;
  /** Set by remove: the layers given new keys. */
  rekeyed?: LayerName[];
}

/**
 * Runs a rotation that writes `next` as the team file, with `next` recorded
 * as trusted first: a rotation killed midway is finished by the next command
 * with the team file already written, and this user's own change must not
 * then be refused as untrusted. On failure (the rotation undone), the
 * record goes back to `previous`.
 */
async function trustingDuring<T>(repo: RepoInfo, next: TeamDoc, previous: TeamDoc | undefined, rotate: () => Promise<T>): Promise<T> {
  recordTrustedTeam(repo, next);
  try {
    return await rotate();
  } catch (error) {
    if (previous) recordTrustedTeam(repo, previous);
    else forgetTrustedTeam(repo);
    throw error;
  }
}

/** Four new keys: the file key and one per layer, as the groups of a team with a key per layer. */
function newLayeredKeys(): Map<string, RepoKey> {
  return new Map([FILE_GROUP, ...LAYER_NAMES].map((group) => [group, newRepoKey(randomBytes(32))]));
}

function fingerprintsOf(keys: ReadonlyMap<string, RepoKey>): Record<typeof FILE_GROUP | LayerName, string> {
  const fp = (group: string) => (keys.get(group) as RepoKey).fingerprint;
  return { file: fp(FILE_GROUP), credentials: fp("credentials"), personality: fp("personality"), memory: fp("memory") };
}

/**
 * The key files are encrypted with after a change: the file key, and each
 * layer's key (new where replaced; else the current one, held or not: a layer
 * this user cannot open stays sealed, its tokens kept).
 */
async function layeredKey(ctx: CommandContext, team: TeamDoc, replaced: ReadonlyMap<string, RepoKey>): Promise<RepoKey> {
  const file = replaced.get(FILE_GROUP) ?? (await ctx.resolver.keyFor({ key: (team.keys[FILE_GROUP] as KeyGroup).key }, `the ${FILE_GROUP} key of ${TEAM_FILE}`));
  const layers = {} as NonNullable<RepoKey["layers"]>;
  for (const layer of LAYER_NAMES) {
    const group = groupOfLayer(team, layer);
    if (!group) throw new BackpackError("INTERNAL", `no key group for ${layer}`);
    const key = replaced.get(group.group) ?? (await ctx.resolver.tryKeyFor({ key: group.key }));
    layers[layer] = { fingerprint: group.key, ...(key ? { key: key.key } : {}), readers: readersOf(team, layer) };
  }
  return { key: file.key, fingerprint: file.fingerprint, layers };
}

/** `team init`: the user's identity as the first member, new keys (one per layer and the file key), every agent.lock re-encrypted. */
export async function teamInit(ctx: CommandContext, env: NodeJS.ProcessEnv, memberName: string, options: Pick<RotateOptions, "onProgress"> = {}): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  if (readTeamFile(repo.root)) throw new BackpackError("USAGE", `this repository already has a team (${TEAM_FILE})`, "see `backpack team list`; add members with `backpack team add`");
  const me = await myIdentity(ctx, env, true);
  const member: Member = { name: memberName, recipient: me.recipient, layers: [...LAYER_NAMES] };
  const keys = newLayeredKeys();
  const team = newLayeredTeam(member, fingerprintsOf(keys));
  const alsoWrite = await teamFiles(repo.root, team, keys);
  const newKey = await layeredKey(ctx, team, keys);
  const rotation = await trustingDuring(repo, team, undefined, () => rotateRepoKey(ctx, { newKey, alsoWrite, ...options }));
  stage(repo.root);
  return { team, member, rotation, identityCreated: me.created };
}

/**
 * `team add`: the member added, and the keys of the groups they read wrapped
 * for them too; nothing else changes. In a team made before keys per layer
 * (one key, "all"), granting fewer than every layer first splits it into a
 * key per layer: new keys, every agent.lock re-encrypted (the old key opens
 * every layer of history, so the new member must not get it).
 */
export async function teamAdd(ctx: CommandContext, name: string, recipient: string, layers: string | undefined, options: Pick<RotateOptions, "onProgress"> = {}): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const member: Member = { name, recipient: recipient.trim(), layers: parseLayerList(layers) };
  requireTrustedTeam(repo, team, "team add");
  if (!isLayered(team) && member.layers.length < LAYER_NAMES.length) {
    const keys = newLayeredKeys();
    const next = addMember({ ...team, keys: layeredGroups(fingerprintsOf(keys)) }, member);
    const alsoWrite = await teamFiles(repo.root, next, keys);
    const newKey = await layeredKey(ctx, next, keys);
    const rotation = await trustingDuring(repo, next, team, () => rotateRepoKey(ctx, { newKey, alsoWrite, ...options }));
    // The single key's file is no longer a group of the team.
    git(["rm", "-q", "--cached", "--ignore-unmatch", "--", keyFilePath(WHOLE_FILE_GROUP)], { cwd: repo.root });
    rmSync(join(repo.root, keyFilePath(WHOLE_FILE_GROUP)), { force: true });
    stage(repo.root);
    return { team: next, member, rotation, split: true };
  }
  const next = addMember(team, member);
  const granted = new Set(Object.keys(next.keys).filter((g) => memberReadsGroup(member, next.keys[g] as TeamDoc["keys"][string])));
  const keys = await currentKeys(ctx, team, granted);
  writeAll(await teamFiles(repo.root, next, keys, granted));
  stage(repo.root);
  recordTrustedTeam(repo, next);
  return { team: next, member };
}

/**
 * `team remove`: new keys for what the member could read (with a key per
 * layer: the file key and the keys of their layers; the other layers keep
 * theirs), every agent.lock re-encrypted, the keys wrapped for the members left.
 */
export async function teamRemove(ctx: CommandContext, name: string, options: Pick<RotateOptions, "onProgress" | "forgetOld"> = {}): Promise<TeamChange> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  requireTrustedTeam(repo, team, "team remove");
  const { team: left, removed } = removeMember(team, name);
  const replaced = Object.keys(team.keys).filter((g) => memberReadsGroup(removed, team.keys[g] as TeamDoc["keys"][string]));
  const fresh = new Map(replaced.map((g) => [g, newRepoKey(randomBytes(32))]));
  const next: TeamDoc = { ...left, keys: { ...left.keys } };
  for (const [group, key] of fresh) next.keys[group] = { ...(left.keys[group] as KeyGroup), key: key.fingerprint };
  let newKey: RepoKey;
  if (isLayered(team)) {
    // Re-encrypting a layer needs its current key: only a reader of every layer the member read can remove them.
    for (const group of replaced) {
      const g = team.keys[group] as KeyGroup;
      if (!(await ctx.resolver.tryKeyFor({ key: g.key }))) {
        throw new BackpackError(
          "NO_KEY",
          `${removed.name} reads the ${g.layers.join(", ") || group} layer, which you cannot open, so you cannot re-key it`,
          `ask a reader of it (${g.layers.map((l) => readersOf(team, l).join(", ")).join("; ") || "any member"}) to run \`backpack team remove ${removed.name}\``,
        );
      }
    }
    newKey = await layeredKey(ctx, next, fresh);
  } else {
    newKey = fresh.get(replaced[0] as string) as RepoKey;
  }
  const alsoWrite = await teamFiles(repo.root, next, fresh, new Set(fresh.keys()));
  const rotation = await trustingDuring(repo, next, team, () => rotateRepoKey(ctx, { newKey, alsoWrite, ...options }));
  stage(repo.root);
  return { team: next, member: removed, rotation, rekeyed: replaced.flatMap((g) => (team.keys[g] as KeyGroup).layers) };
}

/** `team rotate` (and `key rotate` in a team repository): new keys for every group, every agent.lock re-encrypted, wrapped for their readers. */
export async function teamRotate(ctx: CommandContext, options: Pick<RotateOptions, "onProgress" | "forgetOld"> = {}): Promise<RotateResult> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  requireTrustedTeam(repo, team, "team rotate");
  const fresh = new Map(Object.keys(team.keys).map((g) => [g, newRepoKey(randomBytes(32))]));
  const next: TeamDoc = { ...team, keys: { ...team.keys } };
  for (const [group, key] of fresh) next.keys[group] = { ...(team.keys[group] as KeyGroup), key: key.fingerprint };
  if (isLayered(team)) {
    for (const [group, g] of Object.entries(team.keys)) {
      if (!(await ctx.resolver.tryKeyFor({ key: g.key }))) {
        throw new BackpackError("NO_KEY", `you cannot open the ${group} key, so you cannot re-key that layer`, `ask a reader of every layer (${team.members.filter((m) => m.layers.length === LAYER_NAMES.length).map((m) => m.name).join(", ") || "none listed"}) to rotate`);
      }
    }
  }
  const newKey = isLayered(team) ? await layeredKey(ctx, next, fresh) : (fresh.values().next().value as RepoKey);
  const alsoWrite = await teamFiles(repo.root, next, fresh);
  const rotation = await trustingDuring(repo, next, team, () => rotateRepoKey(ctx, { newKey, alsoWrite, ...options }));
  stage(repo.root);
  return rotation;
}

/** `team rewrap`: every group's current key this user holds wrapped again for the members the team file lists (the others are named). */
export async function teamRewrap(ctx: CommandContext): Promise<TeamDoc & { skipped: string[] }> {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  requireTrustedTeam(repo, team, "team rewrap");
  const keys = new Map<string, RepoKey>();
  const skipped: string[] = [];
  for (const [group, g] of Object.entries(team.keys)) {
    const key = await ctx.resolver.tryKeyFor({ key: g.key });
    if (key) keys.set(group, key);
    else skipped.push(group);
  }
  if (keys.size === 0) await currentKeys(ctx, team, Object.keys(team.keys)); // NO_KEY, saying why
  writeAll(await teamFiles(repo.root, team, keys, new Set(keys.keys())));
  stage(repo.root);
  return { ...team, skipped };
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

/** What `team trust` found: the changes since the team last written or trusted here (all of it the first time). */
export interface TeamTrust {
  team: TeamDoc;
  /** False when nothing was trusted in this clone before. */
  hadTrusted: boolean;
  changes: string[];
  /** True when the team file is now recorded as trusted. */
  recorded: boolean;
}

/** `team trust`: shows what changed in the team file since this user last wrote or trusted it, and (unless `show`) trusts it as it is. */
export function teamTrust(ctx: CommandContext, show = false): TeamTrust {
  const repo = requireRepo(ctx);
  const team = requireTeam(ctx);
  const { trusted, changes } = untrustedChanges(repo, team);
  const recorded = !show && changes.length > 0;
  if (recorded) recordTrustedTeam(repo, team);
  return { team, hadTrusted: trusted, changes, recorded };
}
