/**
 * The opt-in audit log: one JSON object per line, appended (mode 0600) to the
 * file named by config `audit_log` / BACKPACK_AUDIT_LOG. It records which
 * credential (by name) was read from which source for which command and
 * agent, which credentials were stored, and which layers of which agent.lock
 * changed. It never records a value: events carry names only, and every line
 * passes through `redact` as a second guard.
 */
import { appendFileSync } from "node:fs";
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

/** Appends one event. A failing audit log is reported on stderr once, and never breaks the command. */
export function audit(event: AuditEvent): void {
  if (!auditFile) return;
  const record = { time: new Date().toISOString(), ...event, command: actor, pid: process.pid };
  try {
    appendFileSync(auditFile, `${sanitize(redact(JSON.stringify(record)))}\n`, { mode: 0o600 });
  } catch (error) {
    if (!warned) {
      warned = true;
      process.stderr.write(sanitize(`backpack warn: cannot write the audit log ${auditFile} (${(error as NodeJS.ErrnoException).code ?? "error"})\n`));
    }
  }
}
let warned = false;
