import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { trustRepo } from "../helpers/trust.js";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { writeSetting } from "../../src/config/write.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { closestNames } from "../../src/errors/suggest.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isBackpackError(error)) return error.code;
    throw error;
  }
  return "none";
}

describe("configuration", () => {
  let sb: Sandbox;
  let repo: string;
  let userFile: string;
  beforeEach(() => {
    sb = makeSandbox();
    // These tests read keychain_service from the config files, not the sandbox's keychain service.
    delete sb.env.BACKPACK_KEYCHAIN_SERVICE;
    repo = sb.repo();
    userFile = join(sb.home, ".config/backpack/config.toml");
    mkdirSync(join(sb.home, ".config/backpack"), { recursive: true });
  });
  afterEach(() => sb.cleanup());

  it("takes flags over environment over repository over user over defaults", () => {
    writeFileSync(userFile, 'log_level = "info"\nkeychain_service = "user-svc"\n[kdf]\nlog_n = 16\n');
    writeFileSync(join(repo, "backpack.toml"), 'log_level = "error"\n[scan]\nallow_paths = ["test/corpus/**"]\n');
    const base = { repoRoot: repo, env: sb.env };
    expect(loadConfig(base).get("log_level")).toBe("error");
    expect(loadConfig(base).get("keychain_service")).toBe("user-svc");
    expect(loadConfig(base).get("kdf.log_n")).toBe(16);
    expect(loadConfig(base).get("kdf.r")).toBe(8);
    expect(loadConfig(base).get("scan.allow_paths")).toEqual(["test/corpus/**"]);
    const withEnv = { ...base, env: { ...sb.env, BACKPACK_LOG: "debug" } };
    expect(loadConfig(withEnv).get("log_level")).toBe("debug");
    expect(loadConfig({ ...withEnv, flags: { log_level: "silent" } }).get("log_level")).toBe("silent");
    const origins = Object.fromEntries(loadConfig(withEnv).entries().map(([name, e]) => [name, e.origin]));
    expect(origins).toMatchObject({ log_level: "environment", keychain_service: "user", "scan.allow_paths": "repository", "kdf.r": "default" });
  });

  it("refuses invalid TOML, unknown settings and wrong types with the file named", () => {
    writeFileSync(join(repo, "backpack.toml"), "log_level = \n");
    expect(codeOf(() => loadConfig({ repoRoot: repo, env: sb.env }))).toBe("INVALID_FILE");
    writeFileSync(join(repo, "backpack.toml"), "colour = true\n");
    expect(() => loadConfig({ repoRoot: repo, env: sb.env })).toThrow(/unknown setting colour/);
    writeFileSync(join(repo, "backpack.toml"), "[kdf]\nlog_n = \"big\"\n");
    expect(() => loadConfig({ repoRoot: repo, env: sb.env })).toThrow(/backpack\.toml: kdf\.log_n/);
    expect(codeOf(() => loadConfig({ env: { ...sb.env, BACKPACK_LOG: "loud" } }))).toBe("USAGE");
  });

  it("writes one setting, keeping the others, and refuses bad values without touching the file", () => {
    const file = join(repo, "backpack.toml");
    writeFileSync(file, '# team settings\nlog_level = "info"\n');
    writeSetting(file, "scan.allow_rules", "generic-high-entropy, jwt");
    writeSetting(file, "kdf.log_n", "17");
    trustRepo(sb, repo); // kdf.* applies from a repository only once trusted
    const config = loadConfig({ repoRoot: repo, env: sb.env });
    expect(config.get("scan.allow_rules")).toEqual(["generic-high-entropy", "jwt"]);
    expect(config.get("kdf.log_n")).toBe(17);
    expect(config.get("log_level")).toBe("info");
    const before = readFileSync(file, "utf8");
    expect(codeOf(() => writeSetting(file, "kdf.log_n", "40"))).toBe("USAGE");
    expect(codeOf(() => writeSetting(file, "textconv.show_secrets", "maybe"))).toBe("USAGE");
    expect(readFileSync(file, "utf8")).toBe(before);
    writeSetting(file, "kdf.log_n", undefined);
    expect(readFileSync(file, "utf8")).not.toContain("kdf");
  });

  it("suggests the setting meant", () => {
    expect(closestNames("log_levl", ["log_level", "log_file", "kdf.p"])).toEqual(["log_level"]);
    expect(closestNames("allow_paths", ["scan.allow_paths", "scan.allow_rules"])).toEqual(["scan.allow_paths"]);
    expect(closestNames("zzz", ["log_level"])).toEqual([]);
  });

  it("`backpack config` sets, gets and lists with origins", () => {
    expect(sb.backpack(["config", "set", "log_level", "info"], { cwd: repo }).status).toBe(0);
    expect(readFileSync(join(repo, "backpack.toml"), "utf8")).toContain('log_level = "info"');
    expect(sb.backpack(["config", "set", "--user", "keychain_service", "mine"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["config", "get", "log_level"], { cwd: repo }).stdout).toBe("info\n");
    const list = sb.backpack(["config", "list", "--origin"], { cwd: repo }).stdout;
    expect(list).toMatch(/^log_level = info\trepository \(.*backpack\.toml\)$/m);
    expect(list).toMatch(/^keychain_service = mine\tuser /m);
    expect(list).toMatch(/^kdf\.r = 8\tdefault$/m);
    const bad = sb.backpack(["config", "get", "log_levl"], { cwd: repo });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown setting log_levl\nhint: did you mean log_level\?/);
  });
});
