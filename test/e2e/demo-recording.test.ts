/**
 * docs/demo.cast and docs/demo.svg, the README's picture, are a recording of
 * the built `backpack demo` on a pseudo-terminal (scripts/record-demo.mjs).
 * A fresh recording must reproduce both committed files byte for byte, so the
 * picture is never out of date; and what differs per run (the throwaway
 * folder, the random key, ciphertext) must be replaced consistently.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/sandbox.js";

const SCRIPT = join(PROJECT_ROOT, "scripts/record-demo.mjs");

interface RecordDemo {
  normalise(text: string, tmp?: string): string;
  toCast(output: string): string;
}

const castLines = () => readFileSync(join(PROJECT_ROOT, "docs/demo.cast"), "utf8").trimEnd().split("\n");

describe("the demo recording (docs/demo.cast, docs/demo.svg)", () => {
  it("regenerates from a fresh run of the built `backpack demo`, as committed", () => {
    const r = spawnSync(process.execPath, [SCRIPT, "--check"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("is an asciicast v2 recording of the whole walkthrough, with no throwaway path or fake secret in it", () => {
    const [header, ...events] = castLines().map((l) => JSON.parse(l) as unknown);
    expect(header).toMatchObject({ version: 2, width: 110, height: 34 });
    const shown = (events as Array<[number, string, string]>).map(([, kind, data]) => {
      expect(kind).toBe("o");
      return data;
    });
    const times = (events as Array<[number]>).map(([t]) => t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const text = shown.join("");
    expect(text).toMatch(/^\$ backpack demo\r\n/);
    expect(text).toContain("== Done: every step behaved as shown.");
    expect(text).not.toMatch(/sk-proj-[A-Za-z0-9]{8}|sk-ant-api03-[A-Za-z0-9]{8}/);
    expect(text.match(/\/[^\s]*backpack-demo-[A-Za-z0-9]{6}/g)?.every((p) => p.startsWith("/tmp/backpack-demo-"))).toBe(true);
  });

  it("replaces what differs per run consistently: the same value by the same stand-in, lengths kept", async () => {
    const { normalise } = (await import(SCRIPT)) as RecordDemo;
    const run = (dir: string, key: string, token: string) =>
      `A throwaway repository: /var/tmp/backpack-demo-${dir}/my-agent\n  + key ${key}: created\n  "key": "${key}",\n  "memory": "v2.j.${token}"\n`;
    const one = normalise(run("aB3dE6", "0123456789abcdef", "Zx_-9".repeat(12)), "/var/tmp");
    const two = normalise(run("Qq9Zz1", "fedcba9876543210", "Ab-_1".repeat(12)), "/var/tmp");
    expect(two).toBe(one);
    expect(one.length).toBe(run("aB3dE6", "0123456789abcdef", "Zx_-9".repeat(12)).length - "/var".length);
    const [, setupKey, headerKey] = /key ([0-9a-f]{16}):[\s\S]*"key": "([0-9a-f]{16})"/.exec(one) ?? [];
    expect(setupKey).toBe(headerKey);
    expect(one).not.toContain("0123456789abcdef");
  });
});
