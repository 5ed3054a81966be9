/**
 * `backpack git merge %O %A %B %L %P`: the merge driver git runs
 * (merge.backpack.driver) when both sides changed an agent.lock, in `git merge`,
 * `git rebase`, `git cherry-pick`, `git stash pop` and the like.
 *
 * git hands over the three versions as temp files (%O base, %A ours, %B
 * theirs), as stored in the object store: normally the stored form, though a
 * version committed without the filter may be a working form, and the base is
 * empty when both sides added the file. The driver decrypts them, merges per
 * layer and per key (src/core/merge.ts), and writes the result into %A:
 *
 * - a clean merge: the stored form (exit 0);
 * - conflicts: the conflict form, the marked-up text encrypted (exit 1). git
 *   writes %A into the object store as a blob and smudges it into the working
 *   tree, where it shows as readable conflict markers; nothing plaintext
 *   reaches the object store.
 *
 * Without a key (or on any other failure) it exits non-zero leaving %A as it
 * was (ours, encrypted): git then reports a conflict and keeps ours.
 */
import { encryptConflictText, encryptWorkingForm, serializeConflictForm, serializeStoredForm } from "../core/agent-lock.js";
import { DEFAULT_MARKER_SIZE } from "../core/conflict-markers.js";
import { renderConflictText } from "../core/conflict-text.js";
import { mergeWorkingForms, resolveMerge } from "../core/merge.js";
import { hasSealedMark } from "../core/sealed.js";
import { LAYER_NAMES, type LayerName } from "../core/types.js";
import { BackpackError } from "../errors/errors.js";
import { openAgentText } from "../agent-file/agent-file.js";
import { openContext } from "./context.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { READ_LIMITS, readTextBounded } from "../io/bounded-read.js";
import { log } from "../output/log.js";

/** Exit status git reads as "merged with conflicts". */
const CONFLICTED = 1;
/** How many conflicting keys the message names before "and N more". */
const NAMED_CONFLICTS = 5;

export async function mergeDriver(args: string[]): Promise<number> {
  const [basePath, oursPath, theirsPath, markerSizeText, pathName] = args.filter((arg) => arg !== "--debug");
  if (!basePath || !oursPath || !theirsPath) {
    throw new BackpackError("USAGE", "the merge driver needs the base, ours and theirs files", "git runs it as `backpack git merge %O %A %B %L %P`");
  }
  const name = pathName || "agent.lock";
  const markerSize = Math.max(DEFAULT_MARKER_SIZE, Number.parseInt(markerSizeText ?? "", 10) || 0);
  const { resolver } = openContext(process.cwd());

  const ours = await openAgentText(readVersion(oursPath, `${name} (ours)`), `${name} (ours)`, resolver);
  const theirs = await openAgentText(readVersion(theirsPath, `${name} (theirs)`), `${name} (theirs)`, resolver);
  // The base is empty when both sides added the file (an add/add merge): merge against nothing.
  const baseText = readVersion(basePath, `${name} (merge base)`);
  const base = baseText.trim() === "" ? undefined : await openAgentText(baseText, `${name} (merge base)`, resolver);

  const key = ours.repoKey ?? theirs.repoKey ?? base?.repoKey ?? (await resolver.defaultKey());
  // The file keeps one id (ours, else theirs): two sides that made it anew (init --force) do not conflict over it,
  // and a side still in format 2 (no id) takes the other's, so the merge result is format 3 when either side is.
  const id = ours.doc.id ?? theirs.doc.id;
  for (const side of [base?.doc, ours.doc, theirs.doc]) {
    if (side && id !== undefined) side.id = id;
  }
  const result = mergeWorkingForms(base?.doc, ours.doc, theirs.doc);
  if (result.conflicts.length === 0) {
    writeFileAtomic(oursPath, serializeStoredForm(encryptWorkingForm(resolveMerge(result, "ours"), key)));
    return 0;
  }
  writeFileAtomic(oursPath, serializeConflictForm(encryptConflictText(renderConflictText(result.root, markerSize), key, id)));
  // A layer sealed for this user that both sides changed: one conflict on the whole layer, and only its readers can merge it.
  for (const c of result.conflicts) {
    const layer = c.path.length === 1 ? (LAYER_NAMES as readonly string[]).find((l) => l === c.path[0]) : undefined;
    if (!layer || ![c.ours, c.theirs].some(hasSealedMark)) continue;
    const readers = key.layers?.[layer as LayerName]?.readers ?? [];
    log.warn(
      `${name}: the ${layer} layer changed on both sides and is sealed for you; only its readers (${readers.join(", ") || "see `backpack team list`"}) can merge it. ` +
        "Keep one side whole (the markers hold both sealed tokens), or `git merge --abort` and ask a reader to merge",
    );
  }
  const paths = result.conflicts.map((c) => c.path.join("."));
  const named = paths.slice(0, NAMED_CONFLICTS).join(", ") + (paths.length > NAMED_CONFLICTS ? `, and ${paths.length - NAMED_CONFLICTS} more` : "");
  log.warn(`${name}: ${paths.length} conflicting ${paths.length === 1 ? "key" : "keys"} (${named}); resolve the markers, then \`git add ${name}\``);
  return CONFLICTED;
}

/** One version's text, as git handed it over in a temp file. */
function readVersion(path: string, label: string): string {
  return readTextBounded(path, { limit: READ_LIMITS.agentLock, label, symlinks: "refuse" });
}
