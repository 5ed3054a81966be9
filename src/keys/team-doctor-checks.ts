/**
 * Doctor checks of a team repository: the identity in use (where it came
 * from, its public recipient), the members and the layers each reads, and
 * which layers this user can open now. Nothing secret is shown: recipients
 * are public, keys appear only as fingerprints.
 */
import type { DoctorCheck } from "../config/doctor-check.js";
import { isBackpackError } from "../errors/errors.js";
import type { DoctorContext } from "./doctor-context.js";
import { IDENTITY_ENV, IDENTITY_FILE_ENV, loadIdentity } from "./identity.js";
import { cachedKeyCommand } from "./key-command.js";
import { readTeamFile } from "./member-keys.js";

/** The team checks (none outside a team repository, except the identity when one is set). */
export async function teamChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let team;
  try {
    team = ctx.repo ? readTeamFile(ctx.repo.root) : undefined;
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return [{ label: "team", ok: false, detail: error.message, fix: error.hint ?? "restore .backpack/team.json from git" }];
  }
  let recipient: string | undefined;
  try {
    const stores = ctx.sources.filter((s) => s.name !== "environment");
    const identity = await loadIdentity({ env: ctx.env, stores, keyCommand: cachedKeyCommand(ctx.settings.keyCommand, ctx.env) });
    if (identity) {
      const { recipientOf } = await import("./age.js");
      recipient = await recipientOf(identity.identities[0] as string, identity.origin);
      checks.push({ label: "age identity", ok: true, detail: `${recipient} (from ${identity.origin})` });
    } else if (team) {
      checks.push({ label: "age identity", ok: false, detail: "none here", fix: `run \`backpack identity\`, or set ${IDENTITY_FILE_ENV} / ${IDENTITY_ENV} (CI)` });
    }
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    checks.push({ label: "age identity", ok: false, detail: error.message, fix: error.hint ?? "" });
  }
  if (!team) return checks;
  const me = team.members.find((m) => m.recipient === recipient);
  for (const member of team.members) {
    checks.push({ label: `member ${member.name}`, ok: true, detail: `reads ${member.layers.join(", ")}${member === me ? " (you)" : ""}` });
  }
  const readable: string[] = [];
  for (const group of Object.values(team.keys)) if (await ctx.resolver.tryKeyFor({ key: group.key })) readable.push(...group.layers);
  if (readable.length > 0) checks.push({ label: "your layers", ok: true, detail: `you can open ${readable.join(", ")}` });
  else if (recipient && !me) checks.push({ label: "your layers", ok: false, detail: "none: your identity is not a member here", fix: "send your recipient (`backpack identity`) to a member; they run `backpack team add NAME age1…`" });
  else checks.push({ label: "your layers", ok: false, detail: "none: no team key opens with your identity", fix: "ask a member to run `backpack team rewrap`, then pull" });
  return checks;
}
