/**
 * What git's index holds for a path, asked of one `git cat-file --batch`
 * that lives as long as the filter process: the clean filter of a large
 * agent.lock reads the stored form git already has for it, so a layer that
 * did not change keeps its token (core/encrypt.ts, encryptSlot). Started on
 * the first large file only: small files never pay for a process.
 *
 * Output per name (https://git-scm.com/docs/git-cat-file#_batch_output):
 *   <oid> SP <type> SP <size> LF <contents> LF,   or   <name> SP missing LF
 *
 * Asynchronous (exec.ts's synchronous spawn cannot keep a process open): the
 * filter awaits each answer while git waits for the filter. Reading the index
 * while git runs is safe: git writes a new index under index.lock and
 * renames it at the end, so this sees the index as it was before the command
 * (what the file was last added as). GIT_INDEX_FILE, set by git for a commit
 * of named paths, is inherited, so the index read is the one git uses.
 */
import type { ChildProcessByStdio } from "node:child_process";
import { nodeChildProcess } from "../io/lazy-child-process.js";
import type { Readable, Writable } from "node:stream";

/** Blobs larger than this are skipped (read past, not kept): no agent.lock git holds is larger. */
const MAX_BLOB_BYTES = 1 << 30;

/** Reads the blobs git's index holds, one path at a time. */
export interface IndexBlobReader {
  /** The blob staged (stage 0) for `path` (relative to the top of the work tree), or undefined: not staged, not a blob, or git failed. */
  read(path: string): Promise<Buffer | undefined>;
  /** Ends the `git cat-file` process (the filter process then exits when git closes its pipe). */
  close(): void;
}

interface Pending {
  resolve: (blob: Buffer | undefined) => void;
}

/** A reader that starts `git cat-file --batch` in `cwd` on its first read. */
export function createIndexBlobReader(cwd: string, env: NodeJS.ProcessEnv = process.env): IndexBlobReader {
  let child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  let failed = false;
  // What git printed and no answer used yet: chunks joined only once an answer is complete
  // (a 1 MB blob comes in 64 KB chunks: joining each time would copy it over and over).
  let buffered: Buffer = Buffer.alloc(0);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let needed = 0;
  const queue: Pending[] = [];

  const failAll = () => {
    failed = true;
    for (const pending of queue.splice(0)) pending.resolve(undefined);
  };

  // Answers every complete response at the front of the buffer, in order.
  const drain = () => {
    while (queue.length > 0) {
      const eol = buffered.indexOf(0x0a);
      if (eol < 0) return;
      const header = buffered.subarray(0, eol).toString("utf8");
      const parts = header.split(" ");
      if (parts.length !== 3 || !/^\d+$/.test(parts[2] ?? "")) {
        // "<name> missing", "<name> ambiguous": no blob.
        buffered = buffered.subarray(eol + 1);
        queue.shift()?.resolve(undefined);
        continue;
      }
      const size = Number(parts[2]);
      if (buffered.length < eol + 1 + size + 1) {
        needed = eol + 1 + size + 1;
        return;
      }
      const blob = parts[1] === "blob" && size <= MAX_BLOB_BYTES ? Buffer.from(buffered.subarray(eol + 1, eol + 1 + size)) : undefined;
      buffered = buffered.subarray(eol + 1 + size + 1);
      queue.shift()?.resolve(blob);
    }
  };

  const start = (): typeof child => {
    try {
      const started = nodeChildProcess().spawn("git", ["cat-file", "--batch"], { cwd, env, stdio: ["pipe", "pipe", "ignore"] });
      started.on("error", failAll);
      started.on("exit", failAll);
      started.stdin.on("error", failAll);
      started.stdout.on("data", (chunk: Buffer) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (buffered.length + pendingBytes < needed) return;
        buffered = Buffer.concat([buffered, ...pending]);
        pending = [];
        pendingBytes = 0;
        needed = 0;
        drain();
      });
      return started;
    } catch {
      failAll();
      return undefined;
    }
  };

  return {
    read(path) {
      // A name is one line; ":0:" names the staged entry (stage 0) whatever the path looks like.
      if (failed || path.includes("\n") || path === "") return Promise.resolve(undefined);
      child ??= start();
      if (!child || failed) return Promise.resolve(undefined);
      const answer = new Promise<Buffer | undefined>((resolve) => queue.push({ resolve }));
      child.stdin.write(`:0:${path}\n`);
      return answer;
    },
    close() {
      child?.stdin.end();
    },
  };
}
