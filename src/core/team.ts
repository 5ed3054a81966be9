/**
 * The team file, `.backpack/team.json`: who the members of a repository are
 * (a name and an age recipient each), which layers each may read, and which
 * keys exist, each wrapped for its readers in `.backpack/keys/<group>.age` (a
 * standard age file holding the exported key line). It is committed, so it is
 * reviewed in pull requests like code, and it is untrusted input: parsed
 * strictly and bounded here. Pure: text in, documents and text out.
 *
 * Key groups: a group is a set of layers encrypted with one key. Today every
 * agent.lock of a team repository is encrypted with one key ("all": the
 * whole-file mode), so every member reads every layer; the format names the
 * layers of each group and of each member so that per-layer groups can be
 * added without changing this file's shape.
 */
import { BackpackError } from "../errors/errors.js";
import { isRecord, onlyKeys, withoutBom } from "./canonical.js";
import { LAYER_NAMES, type LayerName } from "./types.js";

/** Where the team's files live, relative to the top of the working tree. */
export const TEAM_DIR = ".backpack";
/** The team file, relative to the top of the working tree. */
export const TEAM_FILE = `${TEAM_DIR}/team.json`;
/** The one key group of the whole-file mode: every layer. */
export const WHOLE_FILE_GROUP = "all";
/**
 * The file key's group in the mode with a key per layer: no layer of its own
 * (`"layers": []`); it encrypts the meta line and keys the integrity line,
 * and every member holds it, so that every member can commit.
 */
export const FILE_GROUP = "file";
/** Bounds on what a hostile team file may make backpack read. */
export const MAX_TEAM_FILE_BYTES = 256 * 1024;
const MAX_MEMBERS = 1000;

/** A member name: shown in lists and messages, so plain characters only. */
export const MEMBER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;
/** A native X25519 age recipient: "age1" and 58 bech32 characters. */
export const AGE_RECIPIENT = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const GROUP_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** One member: who, their public age recipient, the layers they read. */
export interface Member {
  name: string;
  recipient: string;
  layers: LayerName[];
}

/** One key group: the fingerprint of its current key and the layers it encrypts. */
export interface KeyGroup {
  key: string;
  layers: LayerName[];
}

/** The parsed team file. */
export interface TeamDoc {
  keys: Record<string, KeyGroup>;
  members: Member[];
}

function invalid(path: string, why: string): BackpackError {
  return new BackpackError("INVALID_FILE", `${path} is not a valid team file: ${why}`, `restore it from git (\`git checkout -- ${path}\`), or see docs/team.md`);
}

function readLayers(value: unknown, path: string, where: string, mayBeEmpty = false): LayerName[] {
  if (!Array.isArray(value) || (value.length === 0 && !mayBeEmpty)) throw invalid(path, `${where}: "layers" must be a non-empty list`);
  const layers = new Set<LayerName>();
  for (const layer of value) {
    if (typeof layer !== "string" || !(LAYER_NAMES as readonly string[]).includes(layer)) throw invalid(path, `${where}: unknown layer`);
    layers.add(layer as LayerName);
  }
  return LAYER_NAMES.filter((l) => layers.has(l));
}

/** Parses a team file's text strictly; INVALID_FILE (naming `path`, never echoing content) when it is not one. */
export function parseTeam(text: string, path: string = TEAM_FILE): TeamDoc {
  if (text.length > MAX_TEAM_FILE_BYTES) throw invalid(path, "too large");
  let json: unknown;
  try {
    json = JSON.parse(withoutBom(text));
  } catch {
    throw invalid(path, "not JSON");
  }
  if (!isRecord(json) || !onlyKeys(json, new Set(["backpack", "version", "keys", "members"]))) throw invalid(path, "unexpected fields");
  if (json.backpack !== "team" || json.version !== 1) throw invalid(path, 'expected "backpack": "team" and "version": 1');
  if (!isRecord(json.keys)) throw invalid(path, '"keys" must be an object');
  const keys: Record<string, KeyGroup> = {};
  const covered = new Set<LayerName>();
  for (const [group, value] of Object.entries(json.keys)) {
    if (!GROUP_NAME.test(group)) throw invalid(path, "a key group has an unusual name");
    if (!isRecord(value) || !onlyKeys(value, new Set(["key", "layers"]))) throw invalid(path, `key group ${group}: unexpected fields`);
    if (typeof value.key !== "string" || !FINGERPRINT.test(value.key)) throw invalid(path, `key group ${group}: "key" must be a key fingerprint`);
    const layers = readLayers(value.layers, path, `key group ${group}`, group === FILE_GROUP);
    if (group === FILE_GROUP && layers.length) throw invalid(path, `key group ${FILE_GROUP} holds no layer (it keys the meta and integrity lines)`);
    for (const layer of layers) {
      if (covered.has(layer)) throw invalid(path, `the ${layer} layer is in two key groups`);
      covered.add(layer);
    }
    Object.defineProperty(keys, group, { value: { key: value.key, layers }, enumerable: true, writable: true, configurable: true });
  }
  if (covered.size !== LAYER_NAMES.length) throw invalid(path, "every layer must be in a key group");
  if (FILE_GROUP in keys && WHOLE_FILE_GROUP in keys) throw invalid(path, `key groups ${FILE_GROUP} and ${WHOLE_FILE_GROUP} exclude each other`);
  if (!Array.isArray(json.members) || json.members.length > MAX_MEMBERS) throw invalid(path, '"members" must be a list');
  const members: Member[] = [];
  for (const [i, value] of json.members.entries()) {
    if (!isRecord(value) || !onlyKeys(value, new Set(["name", "recipient", "layers"]))) throw invalid(path, `member ${i + 1}: unexpected fields`);
    if (typeof value.name !== "string" || !MEMBER_NAME.test(value.name)) throw invalid(path, `member ${i + 1}: the name is missing or has unusual characters`);
    if (typeof value.recipient !== "string" || !AGE_RECIPIENT.test(value.recipient)) throw invalid(path, `member ${value.name}: not an age recipient (age1...)`);
    if (members.some((m) => m.name === value.name)) throw invalid(path, `member ${value.name} is listed twice`);
    members.push({ name: value.name, recipient: value.recipient, layers: readLayers(value.layers, path, `member ${value.name}`) });
  }
  return { keys, members };
}

/**
 * The team file's text: fixed layout, one member per line, so a pull request
 * shows a membership change as one line.
 */
export function serializeTeam(team: TeamDoc): string {
  const groups = Object.entries(team.keys).map(([group, g]) => `    ${JSON.stringify(group)}: { "key": ${JSON.stringify(g.key)}, "layers": ${JSON.stringify(g.layers)} }`);
  const members = team.members.map((m) => `    { "name": ${JSON.stringify(m.name)}, "recipient": ${JSON.stringify(m.recipient)}, "layers": ${JSON.stringify(m.layers)} }`);
  return [
    "{",
    `  "backpack": "team",`,
    `  "version": 1,`,
    `  "keys": {`,
    groups.join(",\n"),
    "  },",
    `  "members": [`,
    ...(members.length ? [members.join(",\n")] : []),
    "  ]",
    "}",
    "",
  ]
    .filter((line, i, all) => !(line === "" && i < all.length - 1))
    .join("\n");
}

/** The key file of a group, relative to the top of the working tree. */
export function keyFilePath(group: string): string {
  return `${TEAM_DIR}/keys/${group}.age`;
}

/** True when the member reads every layer of the group. */
export function memberReadsGroup(member: Member, group: KeyGroup): boolean {
  return group.layers.every((layer) => member.layers.includes(layer));
}

/** The recipients a group's key is wrapped for, in member order. */
export function groupRecipients(team: TeamDoc, group: string): string[] {
  const g = team.keys[group];
  if (!g) return [];
  return team.members.filter((m) => memberReadsGroup(m, g)).map((m) => m.recipient);
}

/** The group whose current key has this fingerprint, if any. */
export function groupOfKey(team: TeamDoc, fingerprint: string): string | undefined {
  return Object.keys(team.keys).find((group) => team.keys[group]?.key === fingerprint);
}

/** Parses the --layers list of `team add`; USAGE for an unknown layer. */
export function parseLayerList(text: string | undefined): LayerName[] {
  if (text === undefined || text.trim() === "") return [...LAYER_NAMES];
  const wanted = text.split(",").map((s) => s.trim()).filter(Boolean);
  for (const layer of wanted) {
    if (!(LAYER_NAMES as readonly string[]).includes(layer)) {
      throw new BackpackError("USAGE", `unknown layer ${JSON.stringify(layer.slice(0, 40))}`, `layers are ${LAYER_NAMES.join(", ")}`);
    }
  }
  return LAYER_NAMES.filter((l) => wanted.includes(l));
}

/** A new team with one member and the whole-file key group. */
export function newTeam(first: Member, keyFingerprint: string): TeamDoc {
  checkMember(first);
  return { keys: { [WHOLE_FILE_GROUP]: { key: keyFingerprint, layers: [...LAYER_NAMES] } }, members: [first] };
}

/** True for a team with a key per layer (a "file" group and one group per layer). */
export function isLayered(team: TeamDoc): boolean {
  return FILE_GROUP in team.keys;
}

/** The key groups of the mode with a key per layer, from each group's key fingerprint. */
export function layeredGroups(fingerprints: Record<typeof FILE_GROUP | LayerName, string>): Record<string, KeyGroup> {
  const groups: Record<string, KeyGroup> = { [FILE_GROUP]: { key: fingerprints.file, layers: [] } };
  for (const layer of LAYER_NAMES) groups[layer] = { key: fingerprints[layer], layers: [layer] };
  return groups;
}

/** A new team with a key per layer: the file key and one key per layer, one member reading every layer. */
export function newLayeredTeam(first: Member, fingerprints: Record<typeof FILE_GROUP | LayerName, string>): TeamDoc {
  checkMember(first);
  return { keys: layeredGroups(fingerprints), members: [first] };
}

/** The key group that encrypts `layer`, and its current key's fingerprint. */
export function groupOfLayer(team: TeamDoc, layer: LayerName): { group: string; key: string } | undefined {
  for (const [group, g] of Object.entries(team.keys)) if (g.layers.includes(layer)) return { group, key: g.key };
  return undefined;
}

/** The current key fingerprint of each layer's group. */
export function currentLayerKeys(team: TeamDoc): Partial<Record<LayerName, string>> {
  const keys: Partial<Record<LayerName, string>> = {};
  for (const layer of LAYER_NAMES) {
    const group = groupOfLayer(team, layer);
    if (group) keys[layer] = group.key;
  }
  return keys;
}

/** The names of the members who read `layer`, in member order. */
export function readersOf(team: TeamDoc, layer: LayerName): string[] {
  return team.members.filter((m) => m.layers.includes(layer)).map((m) => m.name);
}

function checkMemberName(name: string): void {
  if (!MEMBER_NAME.test(name)) {
    throw new BackpackError("USAGE", `the member name ${JSON.stringify(name.slice(0, 64))} has unusual characters`, "use letters, digits and . _ @ + - (up to 64 characters, starting with a letter or digit)");
  }
}

/** USAGE unless the member's name and recipient are well formed. */
export function checkMember(member: Member): void {
  checkMemberName(member.name);
  if (!AGE_RECIPIENT.test(member.recipient)) {
    throw new BackpackError(
      "USAGE",
      `${member.name}'s recipient is not an age X25519 recipient (age1 followed by 58 characters)`,
      "ask them to run `backpack identity` and send you the line it prints (SSH keys are not supported)",
    );
  }
}

/** The team with a member added; USAGE when the name or recipient is already there. */
export function addMember(team: TeamDoc, member: Member): TeamDoc {
  checkMember(member);
  if (team.members.some((m) => m.name === member.name)) {
    throw new BackpackError("USAGE", `${member.name} is already a member`, "remove them first (`backpack team remove NAME`) to change their layers");
  }
  if (!Object.values(team.keys).some((g) => memberReadsGroup(member, g))) {
    throw new BackpackError(
      "USAGE",
      `${member.name} would read no key group: this team encrypts ${Object.values(team.keys).map((g) => g.layers.join("+")).join(", ")} with one key each`,
      "give them every layer of a group (per-layer groups: see docs/team.md)",
    );
  }
  const same = team.members.find((m) => m.recipient === member.recipient);
  if (same) throw new BackpackError("USAGE", `that recipient already belongs to ${same.name}`, "each member has an identity of their own");
  return { ...team, members: [...team.members, member] };
}

/** The team without a member; NOT_FOUND when there is no such member, USAGE for the last one. */
export function removeMember(team: TeamDoc, name: string): { team: TeamDoc; removed: Member } {
  const removed = team.members.find((m) => m.name === name);
  if (!removed) {
    throw new BackpackError("NOT_FOUND", `${JSON.stringify(name.slice(0, 64))} is not a member`, "see `backpack team list`");
  }
  const members = team.members.filter((m) => m !== removed);
  if (members.length === 0) throw new BackpackError("USAGE", `${name} is the last member`, "a team needs at least one member; add another first");
  for (const [group, g] of Object.entries(team.keys)) {
    if (!members.some((m) => memberReadsGroup(m, g))) {
      throw new BackpackError("USAGE", `no member would be left who reads the ${g.layers.join(", ")} layer${g.layers.length > 1 ? "s" : ""} (key group ${group})`, "add another member with those layers first");
    }
  }
  return { team: { ...team, members }, removed };
}

/**
 * What changed from the team a user last wrote or trusted (`before`) to the
 * team file as it is (`after`), one line each: members added or removed, a
 * recipient or layers changed, a key group's key replaced, added or removed.
 * Empty when they are the same team. Names and recipients are plain
 * characters (checked when parsed), so the lines are safe to print.
 */
export function teamChanges(before: TeamDoc, after: TeamDoc): string[] {
  const changes: string[] = [];
  const old = new Map(before.members.map((m) => [m.name, m]));
  for (const m of after.members) {
    const was = old.get(m.name);
    if (!was) changes.push(`member ${m.name} added (${m.recipient}, reads ${m.layers.join(", ")})`);
    else {
      if (was.recipient !== m.recipient) changes.push(`member ${m.name}'s recipient changed from ${was.recipient} to ${m.recipient}`);
      if (was.layers.join() !== m.layers.join()) changes.push(`member ${m.name}'s layers changed from ${was.layers.join(", ")} to ${m.layers.join(", ")}`);
    }
  }
  const now = new Set(after.members.map((m) => m.name));
  for (const m of before.members) if (!now.has(m.name)) changes.push(`member ${m.name} removed`);
  for (const [group, g] of Object.entries(after.keys)) {
    const was = before.keys[group];
    if (!was) changes.push(`key group ${group} added (key ${g.key})`);
    else if (was.key !== g.key || was.layers.join() !== g.layers.join()) changes.push(`the ${group} key changed from ${was.key} to ${g.key}`);
  }
  for (const group of Object.keys(before.keys)) if (!(group in after.keys)) changes.push(`key group ${group} removed`);
  return changes;
}
