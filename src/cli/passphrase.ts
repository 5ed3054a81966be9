/** The passphrase of a bundle: from a named environment variable, else a hidden prompt (or a line of piped stdin). */
import { BackpackError } from "../errors/errors.js";
import { CREDENTIAL_NAME } from "../core/schema.js";
import { createPrompter } from "../terminal/prompt.js";

/** New passphrases are at least this long. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface PassphraseOptions {
  /** --passphrase-env VAR: read it from this variable instead of asking. */
  envVar?: string;
  /** A new passphrase (export): ask twice and check its length. */
  isNew: boolean;
  /** --non-interactive: never ask (then --passphrase-env is needed). */
  nonInteractive?: boolean;
  env?: NodeJS.ProcessEnv;
}

const tooShort = (passphrase: string) =>
  [...passphrase].length < MIN_PASSPHRASE_LENGTH ? `use at least ${MIN_PASSPHRASE_LENGTH} characters` : undefined;

/** Reads the passphrase; never echoes or reports it. */
export async function readPassphrase(options: PassphraseOptions): Promise<string> {
  const env = options.env ?? process.env;
  if (options.envVar !== undefined) {
    if (!CREDENTIAL_NAME.test(options.envVar)) {
      throw new BackpackError("USAGE", `--passphrase-env takes the name of an environment variable, not "${options.envVar.slice(0, 2)}..."`, "e.g. --passphrase-env BUNDLE_PASSPHRASE");
    }
    const value = env[options.envVar];
    if (value === undefined || value === "") {
      throw new BackpackError("USAGE", `${options.envVar} is not set`, `set it, or leave out --passphrase-env to be asked`);
    }
    const problem = options.isNew ? tooShort(value) : undefined;
    if (problem) throw new BackpackError("USAGE", `the passphrase in ${options.envVar} is too short`, problem);
    return value;
  }
  const ask = createPrompter({ nonInteractive: options.nonInteractive, env });
  try {
    return await ask.secret({
      message: options.isNew ? "New passphrase for the bundle" : "Passphrase of the bundle",
      flag: "--passphrase-env VAR",
      confirm: options.isNew,
      validate: options.isNew ? tooShort : undefined,
    });
  } finally {
    ask.close();
  }
}
