/**
 * The filter entry points git runs:
 *
 *   backpack git filter-process    the long-running protocol (filter.backpack.process)
 *   backpack git clean [path]      one file, stdin to stdout (filter.backpack.clean)
 *   backpack git smudge [path]     one file, stdin to stdout (filter.backpack.smudge)
 *
 * Warnings and per-file errors go to stderr, which git shows the user.
 */
import { reportError, warnWithHint } from "../output/output.js";
import { loadKeySettings } from "../config/effective.js";
import { workTreeTop } from "../config/paths.js";
import { createKeyResolver, defaultKeySources, unlockHint } from "../keys/sources.js";
import { readChunks, writeFully } from "./fd-io.js";
import { serveFilterProcess } from "./filter-process.js";
import { type FilterSession, createFilterSession } from "./filters.js";
import { repositoryKey } from "./repo-key.js";

const warn = warnWithHint;

async function openSession(env: NodeJS.ProcessEnv = process.env): Promise<FilterSession> {
  // master_key_env and keychain_service; a broken config file gives the defaults, with a warning
  // (a checkout must not fail; clean still needs the repository's own key, so nothing is encrypted with another).
  const root = workTreeTop(process.cwd());
  const settings = await loadKeySettings(root, env, { lookupOnly: true });
  return createFilterSession({
    // root: in a team repository, keys no store holds are opened with the user's identity.
    resolver: createKeyResolver({ sources: defaultKeySources(env, settings), env, settings, root }),
    cleanKey: async () => {
      // Only clean needs the repository's config: smudge finds keys by the file's header.
      const { findRepo } = await import("./repo.js");
      return repositoryKey(findRepo(process.cwd()), env, settings);
    },
    unlockHint: unlockHint(settings.masterKeyEnv),
    warn,
  });
}

/** All of stdin, read with blocking calls: process.stdin would load Node's stream modules (~10 ms of start). */
function readStdin(): Buffer {
  return Buffer.concat([...readChunks(0)]);
}

/** `backpack git filter-process`: serves git until it closes the pipe. */
export async function filterProcess(args: string[]): Promise<number> {
  const session = await openSession();
  // Blocking IO on git's pipes: see fd-io.ts.
  const stdout = { write: (chunk: Buffer) => (writeFully(1, chunk), true) };
  await serveFilterProcess(readChunks(0), stdout, {
    commands: { clean: session.clean, smudge: session.smudge },
    onFileError: (error) => reportError(error, { debug: args.includes("--debug") }),
  });
  return 0;
}

/** `backpack git clean [path]`: one file, stdin to stdout. */
export async function cleanOne(args: string[]): Promise<number> {
  const [path = "agent.lock"] = args.filter((a) => !a.startsWith("--"));
  writeFully(1, await (await openSession()).clean(path, readStdin()));
  return 0;
}

/** `backpack git smudge [path]`: one file, stdin to stdout. */
export async function smudgeOne(args: string[]): Promise<number> {
  const [path = "agent.lock"] = args.filter((a) => !a.startsWith("--"));
  writeFully(1, await (await openSession()).smudge(path, readStdin()));
  return 0;
}
