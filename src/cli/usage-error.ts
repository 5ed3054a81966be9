/**
 * yargs' "Unknown argument" failures as a BackpackError with "did you mean":
 * `backpack init --forse` suggests --force. Used by the root parser and by
 * every command with sub-commands (each has its own `.fail`).
 */
import { BackpackError } from "../errors/errors.js";
import { closestNames } from "../errors/suggest.js";

/** The part of yargs' usage object `.fail` receives that lists the known options. */
interface UsageWithDescriptions {
  getDescriptions?: () => Record<string, unknown>;
}

/** The error for a yargs failure message; `help` names the help to read ("backpack template --help"). */
export function usageError(message: string | undefined, usage: unknown, help = "backpack --help"): BackpackError {
  const text = message ?? "invalid usage";
  const unknown = /^Unknown arguments?: (.+)$/.exec(text);
  const describe = (usage as UsageWithDescriptions | undefined)?.getDescriptions;
  if (unknown?.[1] && typeof describe === "function") {
    const known = Object.keys(describe.call(usage));
    const guesses = unknown[1]
      .split(", ")
      .map((typed) => ({ typed, close: closestNames(typed, known)[0] }))
      .filter((g): g is { typed: string; close: string } => g.close !== undefined && g.close !== g.typed);
    if (guesses.length) {
      return new BackpackError("USAGE", text, `did you mean ${guesses.map((g) => `--${g.close} (for ${g.typed})`).join(", ")}? See \`${help}\``);
    }
  }
  return new BackpackError("USAGE", text, `see \`${help}\``);
}
