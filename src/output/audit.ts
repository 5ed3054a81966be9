/**
 * The opt-in audit log: one JSON object per line, appended (mode 0600) to the
 * file named by config `audit_log` / BACKPACK_AUDIT_LOG. It records which
 * credential (by name) was read from which source for which command and
 * agent, which credentials were stored, and which layers of which agent.lock
 * changed. It never records a value: events carry names only, and every line
 * passes through `redact` as a second guard.
 */
import { isBackpackError } from "../errors/errors.js";
import { appendFileDurable } from "./append.js";
import { redact } from "./log.js";
import { sanitize } from "./sanitize.js";

/** A credential was looked up for an agent (run, library, env export). */
export interface CredentialAccessEvent {
  event: "credential.access";
  name: string;
  /** Where the value came from, or "missing". */
  source: "environment" | "embedded" | "vault" | "missing";
  /** What happened to it: handed to the agent, withheld (no consent), or not found. */
  outcome: "injected" | "declined" | "missing" | "read";
  agent: string;
}

/** A credential value was written to (or removed from) the personal vault. */
export interface CredentialStoreEvent {
  event: "credential.store" | "credential.remove";
  name: string;
  store: string;
}

/** An agent.lock was written. */
export interface AgentLockWriteEvent {
  event: "agent_lock.write";
  file: string;
  form: "working" | "stored";
  /** Layers whose content changed ("meta" is the agent name/description). */
  layers: string[];
  created: boolean;
}

export type AuditEvent = CredentialAccessEvent | CredentialStoreEvent | AgentLockWriteEvent;

let auditFile: string | undefined = process.env.BACKPACK_AUDIT_LOG || undefined;
/** Who is acting: "backpack run", "backpack memory set", "library". */
let actor = "library";

/** Sets (or with undefined, stops) the audit log file. */
export function setAuditLog(path: string | undefined): void {
  auditFile = path || undefined;
}

export function getAuditLog(): string | undefined {
  return auditFile;
}

/** Names the command that the following events belong to. */
export function setAuditCommand(command: string): void {
  actor = command;
}

/**
 * Appends one event, synced, whole or not at all (output/append.ts). A
 * failing audit log (a full disk, a read-only folder) is reported on stderr,
 * once per process, with the reason and a hint, and never breaks the command;
 * `auditFailures()` counts what was lost so a caller can tell.
 */
export function audit(event: AuditEvent): void {
  if (!auditFile) return;
  const record = { time: new Date().toISOString(), ...event, command: actor, pid: process.pid };
  try {
    appendFileDurable(auditFile, `${sanitize(redact(JSON.stringify(record)))}\n`, { mode: 0o600, sync: true });
  } catch (error) {
    failures++;
    if (failures === 1) {
      const reason = error instanceof Error ? error.message : "error";
      const hint = isBackpackError(error) && error.hint ? `\nhint: ${error.hint}` : "";
      process.stderr.write(sanitize(`backpack warn: an audit record was not written: ${reason}${hint}\n`));
    }
  }
}
let failures = 0;

/** How many audit records this process could not write. */
export function auditFailures(): number {
  return failures;
}
