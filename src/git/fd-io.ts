/**
 * Blocking reads and writes on git's pipes, for the filters and textconv.
 *
 * The filter answers one file at a time and does nothing else meanwhile, so
 * Node's stream machinery (an event-loop turn, a Readable and its buffers per
 * chunk) is pure cost: on a 1,000-file checkout it was about a third of the
 * filter's own time. fd 0 and fd 1 stay blocking as git made them as long as
 * process.stdin/stdout are never touched; if something made them
 * non-blocking, EAGAIN waits briefly and tries again.
 */
import { readSync, writeSync } from "node:fs";

const CHUNK_BYTES = 1 << 16;
const pause = new Int32Array(new SharedArrayBuffer(4));

function isAgain(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EAGAIN";
}

/** The chunks read from `fd` until end of file. */
export function* readChunks(fd: number): Generator<Buffer> {
  // One buffer for every read, each chunk copied out at its own size: git
  // writes packet by packet, so most reads are a few dozen bytes.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    } catch (error) {
      if (!isAgain(error)) throw error;
      Atomics.wait(pause, 0, 0, 1);
      continue;
    }
    if (n === 0) return;
    yield Buffer.from(buffer.subarray(0, n));
  }
}

/** Writes all of `data` to `fd` before returning. */
export function writeFully(fd: number, data: Buffer): void {
  let at = 0;
  while (at < data.length) {
    try {
      at += writeSync(fd, data, at, data.length - at);
    } catch (error) {
      if (!isAgain(error)) throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
