/**
 * Which .gitattributes line decides an attribute for a path. `git check-attr`
 * says the value but not where it comes from; when the backpack filter does
 * not apply to an agent file, the fix is to change the line that overrides
 * it (a subfolder's `-filter` or `filter=other`), not to add one more line to
 * the root file. Files are searched as git ranks them: `$GIT_DIR/info/attributes`,
 * then the .gitattributes of the path's folder and of each folder above it
 * (https://git-scm.com/docs/gitattributes); in a file, the last matching line wins.
 */
import { existsSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { globToRegExp } from "../core/glob.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { git, gitText } from "./exec.js";

/** Where an attribute is set: the file (relative to the top of the work tree, or the git dir's), the 1-based line, and its text. */
export interface AttributeSource {
  file: string;
  line: number;
  text: string;
  /** The value git reports: a string, "set", "unset" or "unspecified". */
  value: string;
}

/** The value of `attribute` in one line's attribute list, as `git check-attr` would say it, or undefined when the line does not name it. */
function valueIn(tokens: string[], attribute: string): string | undefined {
  let value: string | undefined;
  for (const token of tokens) {
    if (token === attribute) value = "set";
    else if (token === `-${attribute}`) value = "unset";
    else if (token === `!${attribute}`) value = "unspecified";
    else if (token.startsWith(`${attribute}=`)) value = token.slice(attribute.length + 1);
  }
  return value;
}

/** The last line of `text` whose pattern matches `path` (relative to the file's folder) and which sets `attribute`. */
function lastMatch(text: string, path: string, attribute: string): { line: number; text: string; value: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] as string).trim();
    if (!line || line.startsWith("#")) continue;
    const [pattern, ...tokens] = line.split(/\s+/);
    const value = valueIn(tokens, attribute);
    if (!pattern || value === undefined) continue;
    // An attribute pattern names files, not folders with their contents: match the path exactly.
    const re = globToRegExp(pattern);
    const exact = new RegExp(re.source.replace(/\(\?:\/\.\*\)\?\$$/, "$"));
    if (exact.test(path)) return { line: i + 1, text: line, value };
  }
  return undefined;
}

/**
 * The line that decides `attribute` for `path` (relative to the top of the
 * work tree `root`, with forward slashes), or undefined when none is found
 * (a global attributes file, a macro, or a pattern this lookup does not read).
 */
export function attributeSource(root: string, path: string, attribute: string): AttributeSource | undefined {
  const out = git(["check-attr", "-z", attribute, "--", path], { cwd: root, allowFail: true });
  const value = out.status === 0 ? out.stdout.toString("utf8").split("\0")[2] : undefined;
  if (value === undefined || value === "unspecified") return undefined;
  const gitDir = gitText(["rev-parse", "--absolute-git-dir"], { cwd: root });
  const candidates: { file: string; shown: string; relative: string }[] = [{ file: join(gitDir, "info", "attributes"), shown: ".git/info/attributes", relative: path }];
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    const shown = dir === "." ? ".gitattributes" : `${dir}/.gitattributes`;
    candidates.push({ file: join(root, shown), shown, relative: dir === "." ? path : path.slice(dir.length + 1) });
    if (dir === "." || dir === "/" || dir === dirname(dir)) break;
  }
  for (const c of candidates) {
    if (!existsSync(c.file)) continue;
    let text: string | undefined;
    try {
      text = readTextIfExists(c.file, { within: c.file.startsWith(root) ? root : gitDir });
    } catch {
      continue; // a symlink out of the tree or an oversized file: not read, so not named
    }
    const match = text === undefined ? undefined : lastMatch(text, c.relative, attribute);
    if (match) return match.value === value ? { file: c.shown, ...match } : undefined;
  }
  return undefined;
}
