/**
 * `backpack config set|unset`: one setting changed in a config file, the
 * whole file checked with the zod schema (built from the SETTINGS table)
 * before it is written atomically.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "smol-toml";
import { BackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { withFileLockSync } from "../io/file-lock.js";
import { readConfigFile } from "./load.js";
import { configFileSchema } from "./schema.js";
import { type SettingValue, coerceSetting, expectedValue, setInFile, settingSpec, unknownSetting } from "./settings.js";

/** Sets (or with `text` undefined, unsets) one setting in a config file. */
export function writeSetting(path: string, name: string, text: string | undefined): SettingValue | undefined {
  const spec = settingSpec(name);
  if (!spec) throw unknownSetting(name);
  let value: SettingValue | undefined;
  if (text !== undefined) {
    value = coerceSetting(spec, text);
    if (value === undefined) throw new BackpackError("USAGE", `"${text}" is not a valid value for ${name}`, `expected ${expectedValue(spec)}`);
  }
  mkdirSync(dirname(path), { recursive: true });
  // Read, change and write under the file's lock: two `backpack config set` at once both land.
  withFileLockSync(path, () => {
    const next = setInFile(readConfigFile(path), name, value);
    const checked = configFileSchema.safeParse(next);
    if (!checked.success) {
      throw new BackpackError("USAGE", `"${text}" is not a valid value for ${name} (${checked.error.issues[0]?.message ?? "invalid"})`, "see docs/configuration.md");
    }
    writeFileAtomic(path, `${stringify(checked.data)}\n`);
  });
  return value;
}
