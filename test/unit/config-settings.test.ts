/**
 * The SETTINGS table drives two validators: the light one every load uses
 * (no schema library on git's hot paths) and the zod schema built from it
 * for `backpack config` and doctor. They must accept and refuse the same files.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { envKeySettings, keySettingsOf } from "../../src/config/effective.js";
import { strictConfigProblem } from "../../src/config/schema.js";
import { SETTINGS, configFileProblem, resolveConfig } from "../../src/config/settings.js";
import { isNonInteractive } from "../../src/runtime/plan.js";

/** Values of every kind, near and across each setting's limits. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", "warn", "loud", "MY_KEY", "1BAD", "backpack-agent"),
  fc.integer({ min: -2, max: 40 }),
  fc.double({ noNaN: true, min: 0, max: 30 }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** A config file: mostly known names (some nested as TOML tables), sometimes an unknown one or a table where a value goes. */
const configFile = fc
  .array(fc.tuple(fc.constantFrom(...SETTINGS.map((s) => s.name), "colour", "kdf.salt", "scan", "kdf"), anyValue), { maxLength: 5 })
  .map((pairs) => {
    const file: Record<string, unknown> = {};
    for (const [name, value] of pairs) {
      const parts = name.split(".");
      let node = file;
      for (const part of parts.slice(0, -1)) {
        if (typeof node[part] !== "object" || node[part] === null || Array.isArray(node[part])) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
      node[parts[parts.length - 1] as string] = value;
    }
    return file;
  });

describe("config settings table", () => {
  it("the light validator and the zod schema built from the table agree on every file", () => {
    fc.assert(
      fc.property(configFile, (file) => {
        expect(configFileProblem(file) === undefined).toBe(strictConfigProblem(file) === undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("names the setting and what it expects", () => {
    expect(configFileProblem({ kdf: { log_n: 40 } })).toEqual({ where: "kdf.log_n", message: "expected an integer from 10 to 22" });
    expect(configFileProblem({ master_key_env: "1BAD" })).toEqual({ where: "master_key_env", message: "expected an environment variable name" });
    expect(configFileProblem({ colour: true })).toEqual({ where: "top level", message: "unknown setting colour" });
    expect(configFileProblem({ scan: { allow_path: [] } })).toEqual({ where: "scan", message: "unknown setting scan.allow_path" });
    expect(configFileProblem({ kdf: 3 })).toEqual({ where: "kdf", message: "expected a table" });
    expect(configFileProblem({ keychain_service: "team", kdf: { log_n: 12 }, scan: { allow_rules: ["jwt"] } })).toBeUndefined();
  });

  it("key settings follow the precedence, and default to AGENT_MASTER_KEY, backpack-agent and scrypt 2^15/8/1", () => {
    expect(envKeySettings({})).toEqual({ masterKeyEnv: "AGENT_MASTER_KEY", keychainService: "backpack-agent", kdf: { name: "scrypt", logN: 15, r: 8, p: 1 } });
    const config = resolveConfig({
      repository: { path: "/r/backpack.toml", file: { master_key_env: "REPO_KEY", kdf: { log_n: 12 } } },
      user: { path: "/u/config.toml", file: { master_key_env: "USER_KEY", keychain_service: "mine", kdf: { r: 4 } } },
      env: { BACKPACK_KEYCHAIN_SERVICE: "from-env" },
    });
    expect(keySettingsOf(config)).toEqual({ masterKeyEnv: "REPO_KEY", keychainService: "from-env", kdf: { name: "scrypt", logN: 12, r: 4, p: 1 } });
  });

  it("a bad variable fails only the setting it belongs to", () => {
    const config = resolveConfig({ user: { path: "/u", file: {} }, env: { BACKPACK_LOG: "loud" } });
    expect(config.get("master_key_env")).toBe("AGENT_MASTER_KEY");
    expect(() => config.get("log_level")).toThrow(/BACKPACK_LOG has an invalid value for log_level/);
    expect(() => config.entries()).toThrow(/BACKPACK_LOG/);
  });

  it("`backpack run` is non-interactive when the configured master key variable is set", () => {
    expect(isNonInteractive(undefined, { TEAM_KEY: "x" }, "TEAM_KEY")).toBe(true);
    expect(isNonInteractive(undefined, { AGENT_MASTER_KEY: "x" }, "TEAM_KEY")).toBe(false);
  });
});
