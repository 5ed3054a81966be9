/**
 * Reading many blobs in one git process: `git cat-file --batch`, fed the object
 * names on stdin. Output per object (https://git-scm.com/docs/git-cat-file#_batch_output):
 *
 *   <oid> SP <type> SP <size> LF <contents> LF
 *   <name> SP missing LF                     (unknown object)
 *
 * One process for a whole commit's or history's worth of blobs, never one per
 * file: that is what keeps the pre-commit hook and `verify` fast.
 */
import { git } from "./exec.js";

export interface BatchObject {
  /** The name it was asked for (an oid, or `rev:path`). */
  name: string;
  oid: string;
  type: string;
  /** Undefined when the object is missing or larger than `maxBytes`. */
  content: Buffer | undefined;
  size: number;
}

export interface BatchOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Objects larger than this are reported with their size but no content. */
  maxBytes?: number;
}

/** Reads the named objects (oids or `rev:path`) in one `git cat-file --batch`. */
export function catFileBatch(names: string[], options: BatchOptions): BatchObject[] {
  if (names.length === 0) return [];
  for (const name of names) {
    if (name.includes("\n")) throw new Error("object names cannot contain a newline");
  }
  const { stdout } = git(["cat-file", "--batch"], { cwd: options.cwd, env: options.env, input: `${names.join("\n")}\n` });
  return parseBatchOutput(stdout, names, options.maxBytes ?? Number.POSITIVE_INFINITY);
}

/** Parses `git cat-file --batch` output for the names that were asked, in order. */
export function parseBatchOutput(out: Buffer, names: string[], maxBytes = Number.POSITIVE_INFINITY): BatchObject[] {
  const objects: BatchObject[] = [];
  let at = 0;
  for (const name of names) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new Error("git cat-file --batch output ended early");
    const header = out.subarray(at, eol).toString("utf8");
    at = eol + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
      objects.push({ name, oid: "", type: "missing", content: undefined, size: 0 });
      continue;
    }
    const [oid, type, sizeText] = header.split(" ");
    const size = Number(sizeText);
    if (!oid || !type || !Number.isInteger(size)) throw new Error("unexpected git cat-file --batch header");
    const content = size <= maxBytes ? Buffer.from(out.subarray(at, at + size)) : undefined;
    at += size + 1;
    objects.push({ name, oid, type, content, size });
  }
  return objects;
}

/** The sizes of these objects (by oid), from one `git cat-file --batch-check`; missing objects are left out. */
export function objectSizes(oids: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Map<string, number> {
  const sizes = new Map<string, number>();
  if (oids.length === 0) return sizes;
  const out = git(["cat-file", "--batch-check=%(objectname) %(objectsize)"], { cwd: options.cwd, env: options.env, input: `${oids.join("\n")}\n` }).stdout.toString("utf8");
  for (const line of out.split("\n")) {
    const [oid, size] = line.split(" ");
    if (oid && size && /^\d+$/.test(size)) sizes.set(oid, Number(size));
  }
  return sizes;
}
