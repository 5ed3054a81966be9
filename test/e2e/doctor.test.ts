// Keychain pass (.ci/run): doctor reports the keychain's status and the sources that answer.
/**
 * `backpack doctor` through the built CLI: the key sources in order and which
 * answer, the keychain's status with its reason, Node.js, formats; each problem
 * with its fix and exit 1.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOADING_BACKENDS, onlyBackend } from "../helpers/keychain-backends.js";
import { KEYCHAIN_MODE, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

interface Finding {
  label: string;
  ok: boolean;
  detail: string;
  fix?: string;
  advisory?: boolean;
}

describe("backpack doctor", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  const doctor = (options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => {
    const r = sb.backpack(["doctor", "--json"], options);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: Finding[] };
    const find = (label: string) => report.checks.find((c) => c.label === label);
    return { ...r, report, find };
  };

  it("on a fresh machine: the source order, Node.js in use, formats, no problem", () => {
    const r = doctor({ env: { BACKPACK_KEYCHAIN: "off" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.report.ok).toBe(true);
    expect(r.find("key sources")?.detail).toBe("tried in this order: environment, (keychain: off), file");
    expect(r.find("node")?.detail).toBe(`${process.version} (${process.execPath})`);
    expect(r.find("formats")?.detail).toMatch(/writes agent\.lock version 2; reads version 2 .* and 1\.0/);
    expect(r.find("1. environment")?.detail).toBe("AGENT_MASTER_KEY is not set");
    expect(r.find("keychain")?.detail).toMatch(/BACKPACK_KEYCHAIN=off/);
    const text = sb.backpack(["doctor"], { env: { BACKPACK_KEYCHAIN: "off" } });
    expect(text.stdout).toMatch(/^ok {2}node +v\d+/m);
    expect(text.stdout).toMatch(/no problems found\n$/);
  });

  it.runIf(KEYCHAIN_MODE).each(LOADING_BACKENDS)("names the keychain module in use: %s", (backend) => {
    const r = doctor({ env: { BACKPACK_KEYCHAIN: onlyBackend(backend) } });
    expect(r.find("2. keychain")).toMatchObject({ ok: true });
    expect(r.find("2. keychain")?.detail).toBe(`service "${sb.env.BACKPACK_KEYCHAIN_SERVICE}" (Secret Service through ${backend})`);
  });

  it.runIf(KEYCHAIN_MODE && LOADING_BACKENDS.length === 2)("with both keychain modules installed: keytar in use, entries written through both", () => {
    expect(doctor().find("2. keychain")?.detail).toMatch(/\(Secret Service through keytar; @napi-rs\/keyring also loads, so entries are written through both\)$/);
  });

  it.runIf(process.platform === "linux")("a keychain that cannot answer is a warning with its reason and fix, not a failure", () => {
    const r = sb.backpack(["doctor", "--json"], { env: { BACKPACK_KEYCHAIN: "keytar", DBUS_SESSION_BUS_ADDRESS: "" } });
    const report = JSON.parse(r.stdout) as { checks: Finding[] };
    const keychain = report.checks.find((c) => c.label === "2. keychain");
    expect(keychain).toMatchObject({ ok: false, advisory: true });
    expect(keychain?.detail).toMatch(/no D-Bus session/);
    expect(keychain?.fix).toMatch(/libsecret|BACKPACK_KEYCHAIN=off/);
    expect(r.status).toBe(0);
  });

  it("a repository whose key is not here: a problem with the fix, exit 1", () => {
    const repo = sb.repo();
    sb.git(["config", "backpack.key", "0123456789abcdef"], { cwd: repo });
    const r = doctor({ cwd: repo });
    expect(r.status).toBe(1);
    expect(r.find("repository key")).toMatchObject({ ok: false, detail: "this repository's key 0123456789abcdef is not on this machine" });
    expect(r.find("repository key")?.fix).toMatch(/backpack key import/);
    const text = sb.backpack(["doctor"], { cwd: repo });
    expect(text.stdout).toMatch(/^XX {2}repository key +this repository's key 0123456789abcdef is not on this machine\n +fix: import the key with `backpack key import`/m);
    expect(text.stdout).toMatch(/1 problem\(s\) found\n$/);
  });

  it("a format 1.0 agent.lock here: a problem whose fix is `backpack migrate`", () => {
    copyFileSync(join(PROJECT_ROOT, "fixtures/v1/default.agent.lock"), join(sb.root, "agent.lock"));
    const r = doctor();
    expect(r.status).toBe(1);
    expect(r.find("agent.lock")).toMatchObject({ ok: false, detail: "format 1.0 (the Python tool's)" });
    expect(r.find("agent.lock")?.fix).toMatch(/backpack migrate/);
  });

  it("a key file readable by others: a problem with the chmod that fixes it", () => {
    expect(sb.backpack(["init"], { env: { BACKPACK_KEYCHAIN: "off" } }).status).toBe(0);
    const path = join(sb.home, ".config/backpack/keys.json");
    chmodSync(path, 0o644);
    const r = doctor({ env: { BACKPACK_KEYCHAIN: "off" } });
    expect(r.status).toBe(1);
    expect(r.find("file store")).toMatchObject({ ok: false, fix: `chmod 600 ${path}` });
    expect(r.find("agent.lock")?.detail).toMatch(/stored form \(encrypted with key [0-9a-f]{16}\)/);
    expect(r.find("default key")?.detail).toMatch(/^key [0-9a-f]{16} is at hand$/);
  });

  it("a damaged file store and a damaged AGENT_MASTER_KEY are named, with fixes", () => {
    const path = join(sb.home, ".config/backpack/keys.json");
    mkdirSync(join(sb.home, ".config/backpack"), { recursive: true });
    writeFileSync(path, "{not json", { mode: 0o600 });
    const r = doctor({ env: { BACKPACK_KEYCHAIN: "off", AGENT_MASTER_KEY: "BACKPACK-KEY-1:short" } });
    expect(r.status).toBe(1);
    expect(r.report.checks.find((c) => c.label.endsWith("file"))).toMatchObject({ ok: false });
    expect(r.find("AGENT_MASTER_KEY")).toMatchObject({ ok: false, detail: "holds a damaged exported key (wrong length or characters)" });
    assertNoSecrets([r.stdout, r.stderr], ["BACKPACK-KEY-1:short"]);
  });
});
