/**
 * A hook for tests only (documented as such in docs/troubleshooting.md's
 * last section; no user needs it): with BACKPACK_TEST_PAUSE=<point> and
 * BACKPACK_TEST_PAUSE_FILE=<path> set, the process stops at that point,
 * creates the file, and waits (up to a minute) until the test removes it.
 * The test does what it needs meanwhile (kill -9 the process, damage a key
 * store) without racing a clock. Points: `rotate-after-files:N` (N files
 * re-encrypted), `key-stored` (a new key handed to its store, not yet read
 * back). Without both variables this is one comparison.
 */
import { existsSync, writeFileSync } from "node:fs";

/** Pauses here when the test hook names this point (see the module comment). */
export function testPause(point: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.BACKPACK_TEST_PAUSE !== point) return;
  const marker = env.BACKPACK_TEST_PAUSE_FILE;
  if (!marker) return;
  writeFileSync(marker, `${process.pid}\n`); // deliberately plain: a test's marker file, not user data
  const blocker = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 60_000;
  while (existsSync(marker) && Date.now() < deadline) Atomics.wait(blocker, 0, 0, 10);
}
