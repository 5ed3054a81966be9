/**
 * The advisory lock behind saveMemory and every agent.lock update: exclusive
 * while held, waits for a live holder, breaks the lock of a dead one or one
 * not refreshed for too long, keeps a slow holder's lock fresh.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isBackpackError } from "../../src/errors/errors.js";
import { lockPathFor, withFileLock } from "../../src/io/file-lock.js";

describe("withFileLock", () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "backpack-lock-"));
    target = join(dir, "agent.lock");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs one holder at a time, and removes the lock afterwards", async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await sleep(5);
      inside--;
    };
    await Promise.all(Array.from({ length: 8 }, () => withFileLock(target, work)));
    expect(most).toBe(1);
    expect(existsSync(lockPathFor(target))).toBe(false);
  });

  it("releases the lock when the work throws", async () => {
    await expect(withFileLock(target, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(lockPathFor(target))).toBe(false);
  });

  it("waits for a live holder, then gives up with CONFLICT naming it", async () => {
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(lockPathFor(target), JSON.stringify({ pid: holder.pid, host: hostname(), nonce: "other" }));
      const started = Date.now();
      const error = await withFileLock(target, () => "never", { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(isBackpackError(error) && error.code).toBe("CONFLICT");
      expect((error as Error).message).toContain(`locked by process ${holder.pid}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(existsSync(lockPathFor(target))).toBe(true);
    } finally {
      holder.kill();
    }
  });

  it("breaks the lock of a process that died", async () => {
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: gone.pid, host: hostname(), nonce: "dead" }));
    expect(await withFileLock(target, () => "ran", { timeoutMs: 2000 })).toBe("ran");
  });

  it("breaks a lock not refreshed for staleMs (another host, or unreadable)", async () => {
    writeFileSync(lockPathFor(target), JSON.stringify({ pid: 1, host: "elsewhere.invalid", nonce: "far" }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(target), old, old);
    expect(await withFileLock(target, () => "ran", { timeoutMs: 2000, staleMs: 30_000 })).toBe("ran");
    writeFileSync(lockPathFor(target), "{ half-writ");
    utimesSync(lockPathFor(target), old, old);
    expect(await withFileLock(target, () => "again", { timeoutMs: 2000 })).toBe("again");
  });

  it("keeps a slow holder's lock fresh so nobody breaks it", async () => {
    const order: string[] = [];
    const slow = withFileLock(
      target,
      async () => {
        order.push("slow start");
        await sleep(600);
        order.push("slow end");
      },
      { staleMs: 200 },
    );
    await sleep(50);
    const quick = withFileLock(target, () => order.push("quick"), { staleMs: 200, timeoutMs: 5000 });
    await Promise.all([slow, quick]);
    expect(order).toEqual(["slow start", "slow end", "quick"]);
  });
});
