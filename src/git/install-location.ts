/**
 * Where this backpack is installed, and the command lines git config and the
 * hook use to run it: absolute, single-quoted paths of node and of
 * bin/backpack.js, so they work whatever PATH git runs them with (GUIs, IDEs
 * and cron jobs often have a bare one).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface InstallLocation {
  /** The node binary running now. */
  node: string;
  /** The package folder (holds bin/, dist/, hooks/). */
  root: string;
  /** bin/backpack.js */
  cli: string;
}

const PACKAGE_NAME = "backpack-agent";

/** Finds the package folder by walking up from this module (bundled or not). */
export function installLocation(): InstallLocation {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME) {
          return { node: process.execPath, root: dir, cli: join(dir, "bin", "backpack.js") };
        }
      } catch {
        // Not our manifest: keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder`);
    dir = parent;
  }
}

/** Quotes a word for POSIX sh (git runs filter and driver commands through sh). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `'<node>' '<cli>'`: how the pre-commit hook runs backpack (`backpack.command`). */
export function baseCommand(location: InstallLocation): string {
  return `${shellQuote(location.node)} ${shellQuote(location.cli)}`;
}

/**
 * The start of the filter, textconv and merge driver commands: baseCommand
 * with NODE_EXTRA_CA_CERTS emptied for that one process. Node 20 loads that
 * certificate file at every start, before any code runs (about 60 ms on a
 * machine with the Debian bundle), and none of these commands opens a TLS
 * connection; git starts textconv once per file version shown.
 */
export function gitCommand(location: InstallLocation): string {
  return `NODE_EXTRA_CA_CERTS= ${baseCommand(location)}`;
}

/**
 * The textconv driver: bin/textconv.sh, sourced by the shell git starts for
 * the command (one process fewer per file version than running it), told
 * where node and the CLI are for the files it cannot serve from what the
 * filter process recorded. No Node start per file version on its common path
 * (see the script).
 */
export function textconvCommand(location: InstallLocation): string {
  return `backpack_node=${shellQuote(location.node)} backpack_cli=${shellQuote(location.cli)} . ${shellQuote(join(location.root, "bin", "textconv.sh"))}`;
}
