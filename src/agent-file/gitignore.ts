/** Adding a file to the .gitignore of its folder (used after `env import`). */
import { basename, dirname, join } from "node:path";
import { workTreeTop } from "../config/paths.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readTextIfExists } from "../io/read-if-exists.js";

/**
 * Adds `/NAME` for `file` to `.gitignore` beside it; returns that .gitignore, and whether it changed.
 * The .gitignore may have come with a clone: read bounded, never a special file, and a link followed
 * only to a file inside the repository (its text is written back into a file you commit).
 */
export function addToGitignore(file: string): { gitignore: string; added: boolean } {
  const gitignore = join(dirname(file), ".gitignore");
  const entry = `/${basename(file)}`;
  const text = readTextIfExists(gitignore, { within: workTreeTop(dirname(file)) ?? dirname(file) }) ?? "";
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(entry) || lines.includes(basename(file))) return { gitignore, added: false };
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  writeFileAtomic(gitignore, `${text}${separator}${entry}\n`);
  return { gitignore, added: true };
}
