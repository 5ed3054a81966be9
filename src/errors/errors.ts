/**
 * One error type for every failure a user can cause. The CLI root is the only
 * place that turns these into text and exit codes (see docs/exit-codes.md).
 * Messages and hints must never contain a secret value or a key.
 */

/** Stable error codes; each maps to one documented exit code. */
export const EXIT_CODES = {
  USAGE: 2,
  NOT_FOUND: 3,
  INVALID_FILE: 4,
  NO_KEY: 5,
  WRONG_KEY: 5,
  TAMPERED: 6,
  SECRETS_FOUND: 7,
  GIT: 8,
  KEYCHAIN: 9,
  CONFLICT: 10,
  IO: 11,
  /** Ctrl-C at a prompt: the shell's convention for SIGINT. */
  CANCELLED: 130,
  INTERNAL: 70,
  /** `backpack run`: the command could not be executed / was not found (as a shell reports it). */
  CANNOT_EXECUTE: 126,
  COMMAND_NOT_FOUND: 127,
} as const;

export type ErrorCode = keyof typeof EXIT_CODES;

/** A failure the user can act on: what happened, and how to fix it. */
export class BackpackError extends Error {
  readonly code: ErrorCode;
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

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** Narrowing helper that survives duplicated module instances across bundles. */
export function isBackpackError(error: unknown): error is BackpackError {
  return error instanceof BackpackError || (error instanceof Error && error.name === "BackpackError" && "code" in error);
}
