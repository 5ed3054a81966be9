/** Doctor checks of the runtime and of the agent.lock where doctor runs: Node.js, formats, the file's form. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseAgentLock } from "../core/agent-lock.js";
import type { DoctorCheck } from "../config/doctor-check.js";
import type { DoctorContext } from "../keys/doctor-context.js";
import { isBackpackError } from "../errors/errors.js";
import { VERSION } from "../package/version.js";
import { readAgentFileText } from "./agent-file.js";

const MIN_NODE_MAJOR = 20;

/** Node.js in use, formats supported, and the form of ./agent.lock. */
export async function fileChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const major = Number(process.versions.node.split(".")[0]);
  const checks: DoctorCheck[] = [
    major >= MIN_NODE_MAJOR
      ? { label: "node", ok: true, detail: `${process.version} (${process.execPath})` }
      : { label: "node", ok: false, detail: `${process.version} (${process.execPath}) is too old`, fix: `install Node.js ${MIN_NODE_MAJOR} or newer` },
    { label: "formats", ok: true, detail: `backpack ${VERSION} writes agent.lock version 2; reads version 2 (working and stored form) and 1.0 (the Python tool's)` },
  ];
  const path = join(ctx.cwd, "agent.lock");
  if (!existsSync(path)) return checks;
  try {
    const parsed = parseAgentLock(readAgentFileText(path), "agent.lock");
    if (parsed.form === "v1") {
      checks.push({ label: "agent.lock", ok: false, detail: "format 1.0 (the Python tool's)", fix: "`backpack migrate` rewrites it as version 2 (a backup is kept)" });
    } else if (parsed.form === "stored") {
      checks.push({ label: "agent.lock", ok: true, detail: `version 2, stored form (encrypted with key ${parsed.stored.key}${parsed.stored.kdf ? ", from a passphrase" : ""})` });
    } else if (ctx.repo?.wired) {
      checks.push({ label: "agent.lock", ok: true, detail: "version 2, working form (git encrypts it on commit)" });
    } else {
      checks.push({
        label: "agent.lock",
        ok: false,
        advisory: true,
        detail: "version 2, working form: plaintext on disk, and nothing encrypts it here",
        fix: ctx.repo ? "`backpack setup` wires this repository so git encrypts it" : "keep it in a repository wired by `backpack setup`, or re-create it here with `backpack init --force`",
      });
    }
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    checks.push({ label: "agent.lock", ok: false, detail: error.message, fix: error.hint ?? "see `backpack validate`" });
  }
  return checks;
}
