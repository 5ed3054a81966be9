/**
 * The team a user last wrote or trusted, per clone:
 * `<git common dir>/backpack/team-trusted.json` (the team file's own text).
 * `.backpack/team.json` arrives with the repository (a pull request, a
 * merge), so it is untrusted input, and it decides who receives the keys
 * that `team add`, `remove`, `rotate` and `rewrap` wrap. Those commands wrap
 * only for the team this record holds: a team file that differs from it (a
 * member or recipient added, a key replaced) is shown and refused until the
 * user has reviewed it and run `backpack team trust`, as `backpack trust`
 * does for backpack.toml. The user's own team commands record what they
 * write. The record is outside the working tree: no commit can change it.
 *
 * The keys the team file names are also what the clean filter and `lock`
 * encrypt with: once a clone has a record, a team file naming other keys (a
 * key made by whoever wrote the pull request, or an old one put back) stops
 * encryption the same way, until trusted. `setup` records the team file as
 * cloned when there is no record (trust on first use); a clone without one
 * (set up by an earlier release) encrypts as the team file says.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { TEAM_FILE, type TeamDoc, parseTeam, serializeTeam, teamChanges } from "../core/team.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { READ_LIMITS, readTextBoundedIfExists } from "../io/bounded-read.js";

/** Where a clone keeps the team its user last wrote or trusted. */
export function trustedTeamPath(repo: { commonDir: string }): string {
  return join(repo.commonDir, "backpack", "team-trusted.json");
}

/** The team this user last wrote or trusted here; undefined when none. A damaged record is an error naming it. */
export function readTrustedTeam(repo: { commonDir: string }): TeamDoc | undefined {
  const path = trustedTeamPath(repo);
  const text = readTextBoundedIfExists(path, { limit: READ_LIMITS.config, label: path });
  if (text === undefined) return undefined;
  try {
    return parseTeam(text, path);
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    throw new BackpackError("INVALID_FILE", `the record of the team you trusted, ${path}, is damaged`, "delete it, review .backpack/team.json, and run `backpack team trust`");
  }
}

/** Records `team` as the one this user wrote or trusted here. */
export function recordTrustedTeam(repo: { commonDir: string }, team: TeamDoc): void {
  const path = trustedTeamPath(repo);
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, serializeTeam(team), { mode: 0o600 });
}

/** Forgets the trusted team of this clone (a `team init` that failed). */
export function forgetTrustedTeam(repo: { commonDir: string }): void {
  rmSync(trustedTeamPath(repo), { force: true });
}

/** What differs between the trusted team and `team` (every member and key, as added, when nothing is trusted yet). */
export function untrustedChanges(repo: { commonDir: string }, team: TeamDoc): { trusted: boolean; changes: string[] } {
  const trusted = readTrustedTeam(repo);
  return { trusted: trusted !== undefined, changes: teamChanges(trusted ?? { keys: {}, members: [] }, team) };
}

/**
 * Refuses (CONFLICT) to wrap keys for a team file the user has not written or
 * trusted here, naming each change and how to accept it after review.
 */
export function requireTrustedTeam(repo: { commonDir: string }, team: TeamDoc, command: string): void {
  const { trusted, changes } = untrustedChanges(repo, team);
  if (changes.length === 0) return;
  const shown = changes.length > 6 ? [...changes.slice(0, 6), `and ${changes.length - 6} more`] : changes;
  const what = trusted ? `${TEAM_FILE} changed since you last wrote or trusted it` : `you have not trusted ${TEAM_FILE} in this clone yet`;
  throw new BackpackError(
    "CONFLICT",
    `${what} (${shown.join("; ")}), and \`backpack ${command}\` would wrap the team's keys for whoever it lists`,
    `review it (\`git log -p -- ${TEAM_FILE}\`, \`backpack team trust --show\`); if every member and key is right, run \`backpack team trust\`, then \`backpack ${command}\` again`,
  );
}

/**
 * Refuses (CONFLICT) to encrypt with the team file's keys when this clone has
 * a trusted team whose keys differ: the file could name a key its author
 * made, so that what members commit next opens for them.
 */
export function requireTrustedKeys(repo: { commonDir: string }, team: TeamDoc): void {
  const trusted = readTrustedTeam(repo);
  if (!trusted) return;
  const changes = teamChanges({ keys: trusted.keys, members: [] }, { keys: team.keys, members: [] });
  if (changes.length === 0) return;
  throw new BackpackError(
    "CONFLICT",
    `the team's keys in ${TEAM_FILE} changed since you last wrote or trusted it (${changes.join("; ")}): what is encrypted now would open for whoever made them`,
    `review the change (\`git log -p -- ${TEAM_FILE}\`, \`backpack team trust --show\`); if it is right, run \`backpack team trust\`, then run the command again`,
  );
}
