/**
 * Where templates are found and how a template folder is checked: the
 * built-ins shipped in the package's templates/ folder, and the user's
 * template folder (the `default_template_dir` setting, else
 * $XDG_CONFIG_HOME/backpack/templates), whose templates take precedence over
 * built-ins of the same name. `template install` copies a checked folder there.
 */
import { assertJsonDepth } from "../core/json-depth.js";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { READ_LIMITS, readFileBounded, readTextBounded } from "../io/bounded-read.js";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { fileError, renameDurable, writeFileAtomic } from "../io/atomic-write.js";
import { SHARED_HELPER, TEMPLATE_MANIFEST, TEMPLATE_NAME, TEMPLATE_README, type TemplateManifest, describeManifestIssue, templateManifestSchema } from "../core/template.js";
import { loadConfig } from "../config/load.js";
import type { ScaffoldFile } from "../agent-file/scaffold.js";
import { findRepo } from "../git/repo.js";
import { userConfigDir } from "../config/paths.js";
import { packageRoot } from "../package/package-root.js";
import { closestNames } from "../errors/suggest.js";

export type TemplateSource = "built-in" | "user";

export interface Template {
  manifest: TemplateManifest;
  /** The template's folder. */
  dir: string;
  source: TemplateSource;
}

/** The folder of the templates shipped with backpack. */
export function builtinTemplateDir(): string {
  return join(packageRoot(), "templates");
}

/** The user's template folder: `default_template_dir` (a leading ~ is the home folder), else the config dir's templates/. */
export function userTemplateDir(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (setting) return resolve(setting.replace(/^~(?=$|\/)/, env.HOME || homedir()));
  return join(userConfigDir(env), "templates");
}

/** The user's template folder per the configuration that applies in `cwd` (repository file included). */
export function userTemplateDirHere(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const setting = loadConfig({ repoRoot: findRepo(cwd)?.root, env, lazy: true }).get("default_template_dir");
  return userTemplateDir(typeof setting === "string" ? setting : undefined, env);
}

/** Reads and checks a template folder: a valid manifest, its entry script and a README. */
export function readTemplate(dir: string, source: TemplateSource): Template {
  const manifestPath = join(dir, TEMPLATE_MANIFEST);
  let text: string;
  try {
    text = readTextBounded(manifestPath, { limit: READ_LIMITS.config, label: manifestPath, symlinks: "refuse" });
  } catch (error) {
    if (error instanceof BackpackError && error.code === "INVALID_FILE") throw error;
    const code = error instanceof BackpackError && error.code === "NOT_FOUND" ? "ENOENT" : (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new BackpackError("NOT_FOUND", `${dir} is not a template folder (no ${TEMPLATE_MANIFEST})`, "see docs/templates.md for what a template folder holds");
    }
    throw new BackpackError("IO", `cannot read ${manifestPath} (${code ?? "error"})`, "check the file's permissions");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackpackError("INVALID_FILE", `${manifestPath} is not valid JSON`, "fix the manifest; see docs/templates.md");
  }
  // Before the schema walks it: a manifest nested 5,000 levels deep overflowed the stack.
  assertJsonDepth(json, text, manifestPath);
  const parsed = templateManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new BackpackError("INVALID_FILE", `${manifestPath}: ${describeManifestIssue(parsed.error)}`, "fix the manifest; see docs/templates.md");
  }
  const manifest = parsed.data;
  for (const file of [manifest.entry, TEMPLATE_README]) {
    if (!isFile(join(dir, file))) {
      throw new BackpackError("INVALID_FILE", `the template ${manifest.name} in ${dir} has no ${file}`, `add ${file} to the template folder`);
    }
  }
  return { manifest, dir, source };
}

/** A regular file, not a link to one: a template copied elsewhere must hold its own files. */
function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first symbolic link under `dir` (skipped folders aside), if any. */
function findSymlink(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) return path;
    if (entry.isDirectory()) {
      const inner = findSymlink(path);
      if (inner) return inner;
    }
  }
  return undefined;
}

export interface Catalog {
  /** Every usable template, by name (user templates shadow built-ins). */
  templates: Template[];
  /** Built-in names a user template shadows. */
  shadowed: string[];
  /** Folders in the user's template dir that are not valid templates, with why. */
  problems: { dir: string; message: string }[];
}

/** Every template folder (a subfolder holding a manifest) under `root`. */
function templateFolders(root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries
    .filter((name) => TEMPLATE_NAME.test(name) && existsSync(join(root, name, TEMPLATE_MANIFEST)))
    .sort()
    .map((name) => join(root, name));
}

/** The built-ins and the user's templates. */
export function loadCatalog(userDir: string): Catalog {
  const byName = new Map<string, Template>();
  const problems: Catalog["problems"] = [];
  for (const dir of templateFolders(builtinTemplateDir())) {
    const template = readTemplate(dir, "built-in");
    byName.set(template.manifest.name, template);
  }
  const shadowed: string[] = [];
  for (const dir of templateFolders(userDir)) {
    try {
      const template = readTemplate(dir, "user");
      if (byName.get(template.manifest.name)?.source === "built-in") shadowed.push(template.manifest.name);
      byName.set(template.manifest.name, template);
    } catch (error) {
      problems.push({ dir, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const templates = [...byName.values()].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  return { templates, shadowed, problems };
}

/** The template called `name`, or NOT_FOUND with the closest names. */
export function findTemplate(catalog: Catalog, name: string): Template {
  const found = catalog.templates.find((t) => t.manifest.name === name);
  if (found) return found;
  const names = catalog.templates.map((t) => t.manifest.name);
  // Besides typos, a word of the name is often what is typed: "finance" for financial_analyst.
  const stem = name.toLowerCase().slice(0, 5);
  const byWord = stem.length >= 4 ? names.filter((n) => n.split(/[_-]/).some((word) => word.startsWith(stem))) : [];
  const close = [...new Set([...closestNames(name, names), ...byWord])];
  throw new BackpackError(
    "NOT_FOUND",
    `no template called ${name}`,
    close.length ? `did you mean ${close.slice(0, 3).join(", ")}? (\`backpack template list\` shows them all)` : `one of: ${names.join(", ")}`,
  );
}

/** Folders and files a template copy never takes along. */
const SKIPPED = new Set([".git", "node_modules", "__pycache__", ".venv", "agent.lock"]);

/**
 * Copies a template folder file by file through the one write primitive
 * (every byte, synced; io/atomic-write), leaving out SKIPPED names. Not
 * cpSync: it neither syncs nor says which file a full disk stopped at.
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isFile()) writeFileAtomic(target, readFileSync(source), { mode: statSync(source).mode & 0o777 });
  }
}

/**
 * Checks the folder at `source` and copies it into `userDir/<name>`,
 * replacing an installed template of that name only with `force`. The copy is
 * made beside the target and renamed into place, so a failure leaves the old
 * one intact.
 */
export function installTemplate(source: string, userDir: string, options: { force?: boolean; builtinNames?: string[] } = {}): Template {
  const from = resolve(source);
  const checked = readTemplate(from, "user");
  const name = checked.manifest.name;
  const target = join(userDir, name);
  if (from === target) throw new BackpackError("USAGE", `${source} is already installed`, "nothing to do");
  if (existsSync(target) && !options.force) {
    throw new BackpackError("USAGE", `a template called ${name} is already installed in ${userDir}`, "pass --force to replace it");
  }
  const link = findSymlink(from);
  if (link) throw new BackpackError("USAGE", `${link} is a symbolic link`, "a template folder holds its own files: copy the file in instead of linking it");
  if (options.builtinNames?.includes(name) && !options.force) {
    throw new BackpackError("USAGE", `${name} is the name of a built-in template`, "rename it in template.json, or pass --force to use yours instead of the built-in");
  }
  const staging = join(userDir, `.${name}.installing-${process.pid}`);
  const old = join(userDir, `.${name}.old-${process.pid}`);
  try {
    mkdirSync(userDir, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    copyTree(from, staging);
    if (existsSync(target)) renameDurable(target, old);
    renameDurable(staging, target);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameDurable(old, target);
    if (isBackpackError(error)) throw error;
    throw fileError(error, join(userDir, name), "write");
  }
  return readTemplate(target, "user");
}

/** A file read for writing elsewhere, with its mode. */
function scaffoldFileFrom(path: string, name: string): ScaffoldFile {
  return { name, content: readFileBounded(path, { limit: READ_LIMITS.bundle, label: path, symlinks: "refuse" }), mode: statSync(path).mode & 0o777 };
}

/**
 * The files `template use` writes: every regular file at the top of the
 * template folder except the manifest (the entry script, README.md, sample
 * data), with their modes, plus the shared helper when the script needs it
 * (see `withSharedHelper`). The entry script comes first.
 */
export function templateFiles(template: Template): ScaffoldFile[] {
  const entry = template.manifest.entry;
  const files = readdirSync(template.dir, { withFileTypes: true })
    .filter((file) => file.isFile() && file.name !== TEMPLATE_MANIFEST && !SKIPPED.has(file.name) && !file.name.startsWith("."))
    .map((file) => scaffoldFileFrom(join(template.dir, file.name), file.name));
  return withSharedHelper(files, entry).sort((a, b) => (a.name === entry ? -1 : b.name === entry ? 1 : a.name.localeCompare(b.name)));
}

/** A line of Python that imports the shared helper module. */
const IMPORTS_SHARED_HELPER = /^[ \t]*(?:from[ \t]+backpack_agent[ \t]+import|import[ \t]+backpack_agent)\b/m;

/**
 * `files` plus the shared helper when the Python entry script imports it and
 * `files` hold no copy of their own (a user template may ship one, which is
 * used as it is).
 */
export function withSharedHelper(files: ScaffoldFile[], entry: string): ScaffoldFile[] {
  const script = files.find((file) => file.name === entry);
  if (!script || !entry.endsWith(".py") || files.some((file) => file.name === SHARED_HELPER)) return files;
  if (!IMPORTS_SHARED_HELPER.test(script.content.toString())) return files;
  return [...files, scaffoldFileFrom(join(builtinTemplateDir(), "_shared", SHARED_HELPER), SHARED_HELPER)];
}
