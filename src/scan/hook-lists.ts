/**
 * What the installed pre-commit hook pipes to `backpack git pre-commit
 * --stdin`: the paths the backpack filter covers (`git ls-files -z`), the
 * staged change (`git diff --cached --raw -z`), each followed by LIST_END only
 * when its git succeeded. Run by the hook script, the two gits work while
 * node starts, and node never loads child_process: about 6 ms of every
 * commit (docs/git.md, "The pre-commit hook").
 *
 * Fail closed: a list without its end mark (a git that failed or was cut off)
 * is an error, never an empty list, which would let the commit through.
 */
import { BackpackError } from "../errors/errors.js";

/** The mark after each list. git's -z output never holds an empty field, so no list can hold "\0\0" or start with "\0". */
export const LIST_END = "\0backpack-end\0";
const MARK = Buffer.from(LIST_END, "latin1");

/** What the hook script lists. */
export interface HookLists {
  /** Paths the backpack filter covers, as `git ls-files -z` printed them. */
  covered: string[];
  /** `git diff --cached --raw -z` output. */
  rawDiff: string;
}

/**
 * Where the list starting at `from` ends: the first LIST_END at the list's
 * start or right after a field's NUL (a path named like the mark is only
 * ever preceded by one NUL, so it does not end a list).
 */
function listEnd(input: Buffer, from: number): number {
  for (let at = input.indexOf(MARK, from); at >= 0; at = input.indexOf(MARK, at + 1)) {
    if (at === from || input[at - 1] === 0) return at;
  }
  return -1;
}

/** Splits the hook script's stdin into its two lists; a GIT error when either is incomplete. */
export function parseHookLists(input: Buffer): HookLists {
  const coveredEnd = listEnd(input, 0);
  const diffEnd = coveredEnd < 0 ? -1 : listEnd(input, coveredEnd + MARK.length);
  if (coveredEnd < 0 || diffEnd < 0 || diffEnd + MARK.length !== input.length) {
    throw new BackpackError(
      "GIT",
      "the pre-commit hook could not list the staged change: a git command in it failed (its message is above)",
      "fix what git reports (`git status` shows the repository's state), or run `backpack setup` to reinstall the hook",
    );
  }
  return {
    covered: input.toString("utf8", 0, coveredEnd).split("\0").filter(Boolean),
    rawDiff: input.toString("utf8", coveredEnd + MARK.length, diffEnd),
  };
}
