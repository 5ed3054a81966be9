/** Adding a file to the .gitignore of its folder (used after `env import`). */
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.js";

/** Adds `/NAME` for `file` to `.gitignore` beside it; returns that .gitignore, and whether it changed. */
export function addToGitignore(file: string): { gitignore: string; added: boolean } {
  const gitignore = join(dirname(file), ".gitignore");
  const entry = `/${basename(file)}`;
  let text = "";
  try {
    text = readFileSync(gitignore, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(entry) || lines.includes(basename(file))) return { gitignore, added: false };
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  writeFileAtomic(gitignore, `${text}${separator}${entry}\n`);
  return { gitignore, added: true };
}
