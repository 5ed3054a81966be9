/**
 * The BackpackError a call throws, as plain data to assert on. Any other
 * throw is rethrown (a bug, not an expected failure); no throw gives code
 * "none". Messages never hold secrets, so they are safe in test output.
 */
import { isBackpackError } from "../../src/errors/errors.js";

export interface Failure {
  code: string;
  message: string;
  hint: string;
}

const NONE: Failure = { code: "none", message: "", hint: "" };

function asFailure(error: unknown): Failure {
  if (isBackpackError(error)) return { code: error.code, message: error.message, hint: error.hint ?? "" };
  throw error;
}

/** The failure of a synchronous call. */
export function failureOf(fn: () => unknown): Failure {
  try {
    fn();
  } catch (error) {
    return asFailure(error);
  }
  return NONE;
}

/** The failure of an asynchronous call. */
export async function asyncFailureOf(fn: () => Promise<unknown>): Promise<Failure> {
  try {
    await fn();
  } catch (error) {
    return asFailure(error);
  }
  return NONE;
}

/** Just the error code of a synchronous call. */
export function errorCode(fn: () => unknown): string {
  return failureOf(fn).code;
}
