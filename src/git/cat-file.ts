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
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { lazyBuiltin } from "../io/lazy-builtin.js";
import { git } from "./exec.js";

const nodeZlib = lazyBuiltin<typeof import("node:zlib")>("node:zlib");

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

/** A full object name (SHA-1 or SHA-256), as `git diff --raw --no-abbrev` prints them. */
const FULL_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Loose objects larger than this on disk are left to cat-file (which reports the size of what it leaves out). */
const LOOSE_READ_LIMIT = 1024 * 1024;

/**
 * One loose object read from `objects` (`<objects>/<2 hex>/<rest>`, zlib of
 * `<type> SP <size> NUL <contents>`: https://git-scm.com/book/en/v2/Git-Internals-Git-Objects),
 * or undefined when it is not there as a loose blob that fits (packed, in an
 * alternate, larger than `maxBytes`, unreadable): cat-file then reads it.
 */
function looseBlob(objects: string, oid: string, maxBytes: number): BatchObject | undefined {
  try {
    const file = join(objects, oid.slice(0, 2), oid.slice(2));
    if (statSync(file).size > LOOSE_READ_LIMIT) return undefined;
    const raw = nodeZlib().inflateSync(readFileSync(file), { maxOutputLength: Math.min(maxBytes, LOOSE_READ_LIMIT * 64) + 64 });
    const nul = raw.indexOf(0);
    const header = nul > 0 && nul < 64 ? /^blob (\d+)$/.exec(raw.subarray(0, nul).toString("latin1")) : null;
    const size = Number(header?.[1] ?? -1);
    if (!header || size !== raw.length - nul - 1) return undefined;
    return { name: oid, oid, type: "blob", content: raw.subarray(nul + 1), size };
  } catch {
    return undefined; // not loose (packed or in an alternate), too large, or not readable as one: cat-file's answer counts
  }
}

/**
 * The blobs named by full object id: read from `objects` (the repository's
 * object folder) where they are loose, as a freshly staged file is, and the
 * rest in one `git cat-file --batch`. The pre-commit hook's staged blobs are
 * loose (`git add` writes them so), so it then starts no cat-file at all: one
 * git process (about 5 ms) fewer per commit. The answer is the same either
 * way: an object's content is what its name says.
 */
export function readBlobs(oids: string[], options: BatchOptions & { objects?: string | undefined }): BatchObject[] {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const found = new Map<string, BatchObject>();
  if (options.objects) {
    for (const oid of oids) {
      const blob = FULL_OID.test(oid) ? looseBlob(options.objects, oid, maxBytes) : undefined;
      if (blob) found.set(oid, blob);
    }
  }
  const rest = oids.filter((oid) => !found.has(oid));
  const fromGit = new Map(catFileBatch(rest, options).map((b) => [b.name, b]));
  return oids.map((oid) => found.get(oid) ?? (fromGit.get(oid) as BatchObject));
}

/**
 * The object folder of the repository whose working tree is `root`, when it
 * is plainly `<root>/.git/objects` (a `.git` folder, no GIT_DIR or
 * GIT_OBJECT_DIRECTORY); undefined otherwise (then cat-file reads every blob).
 * A wrong guess costs nothing but time: an object found anywhere under its
 * name has the content the name says.
 */
export function plainObjectFolder(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GIT_DIR || env.GIT_OBJECT_DIRECTORY) return undefined;
  try {
    return statSync(join(root, ".git")).isDirectory() ? join(root, ".git", "objects") : undefined;
  } catch {
    return undefined;
  }
}
