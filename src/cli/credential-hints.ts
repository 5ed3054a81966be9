/** How to give a credential a value, in the words of the commands that can. */
import { CREDENTIAL_NAME } from "../core/types.js";

/**
 * The command that puts a value for `name` in the vault. The vault takes
 * shell-safe names only; a name from the Python tool (a leading digit, a
 * dash, letters outside ASCII) is renamed first.
 */
export function addValueHint(name: string): string {
  return CREDENTIAL_NAME.test(name) ? `backpack key add ${name}` : `backpack key rename ${name} NEW_NAME\` then \`backpack key add NEW_NAME`;
}

/** The names among `names` that a shell cannot use as variables. */
export function shellUnsafeNames(names: string[]): string[] {
  return names.filter((name) => !CREDENTIAL_NAME.test(name));
}
