/**
 * Reading a small text file that backpack may rewrite and that may not be
 * there (.gitattributes, a hook, a hook manager's config, package.json, the
 * team file). Most come with a clone: `.gitattributes -> ~/.aws/credentials`
 * would have the text of a file outside the repository copied into one that
 * `backpack setup` tells you to commit, and a FIFO would hang it. So this is
 * the one bounded read (./bounded-read.ts): a regular file only (a FIFO,
 * device or socket refused unread), at most READ_LIMITS.config bytes, and a
 * symlink followed only as `symlinks` says, in the repository's working tree
 * only to a file inside it.
 */
import { READ_LIMITS, type SymlinkPolicy, readTextBoundedIfExists } from "./bounded-read.js";

/** The file's text, or undefined when it does not exist. INVALID_FILE for a refused symlink, a special or an oversized file. */
export function readTextIfExists(path: string, symlinks: SymlinkPolicy): string | undefined {
  return readTextBoundedIfExists(path, { limit: READ_LIMITS.config, label: path, symlinks });
}
