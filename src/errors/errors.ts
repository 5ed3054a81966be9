/**
 * One error type for every failure a user can cause. The CLI root is the only
 * place that turns these into text and exit codes (see docs/exit-codes.md).
 * Messages and hints must never contain a secret value or a key.
 */

/** Stable error codes; each maps to one documented exit code. */
export const EXIT_CODES = {
  /** A command line backpack does not understand. */
  USAGE: 2,
  /** A file, credential or key name that does not exist. */
  NOT_FOUND: 3,
  /** A file that is not a valid agent.lock (or config, or exported key). */
  INVALID_FILE: 4,
  /** The key a file is encrypted with is not on this machine. */
  NO_KEY: 5,
  /** A key or passphrase at hand, but not the one the file needs. */
  WRONG_KEY: 5,
  /** Encrypted data that fails authentication: changed or damaged. */
  TAMPERED: 6,
  /** `backpack scan` / the pre-commit hook found secrets. */
  SECRETS_FOUND: 7,
  /** A git command failed, or this is not a repository. */
  GIT: 8,
  /** No key store could be read or written. */
  KEYCHAIN: 9,
  /** An agent.lock with an unresolved merge conflict. */
  CONFLICT: 10,
  /** A file could not be read or written (permissions, full disk). */
  IO: 11,
  /** Ctrl-C at a prompt: the shell's convention for SIGINT. */
  CANCELLED: 130,
  /** A bug in backpack. */
  INTERNAL: 70,
  /** `backpack run`: the command could not be executed / was not found (as a shell reports it). */
  CANNOT_EXECUTE: 126,
  /** `backpack run`: the command was not found. */
  COMMAND_NOT_FOUND: 127,
} as const;

/** The stable code of a {@link BackpackError}: a key of {@link EXIT_CODES}. */
export type ErrorCode = keyof typeof EXIT_CODES;

/** A failure the user can act on: what happened, and how to fix it. */
export class BackpackError extends Error {
  /** What kind of failure; stable across versions. */
  readonly code: ErrorCode;
  /** The next thing to try (often a command), when there is one. */
  readonly hint: string | undefined;
  /** Extra detail for --debug only; never a secret. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown; detail?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BackpackError";
    this.code = code;
    this.hint = hint;
    this.detail = options?.detail;
  }

  /** The process exit code for this failure (docs/exit-codes.md). */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** Narrowing helper that survives duplicated module instances across bundles. */
export function isBackpackError(error: unknown): error is BackpackError {
  return error instanceof BackpackError || (error instanceof Error && error.name === "BackpackError" && "code" in error);
}
