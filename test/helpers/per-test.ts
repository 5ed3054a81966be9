/**
 * A fresh sandbox with one repository in it for every test of a file:
 *
 *   let sb: Sandbox;
 *   let repo: string;
 *   sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));
 */
import { afterEach, beforeEach } from "vitest";
import { type Sandbox, makeSandbox } from "./sandbox.js";

/** Registers beforeEach/afterEach hooks that make (and clean up) a sandbox and a repository in it. */
export function sandboxRepoPerTest(use: (sb: Sandbox, repo: string) => void): void {
  let current: Sandbox | undefined;
  beforeEach(() => {
    current = makeSandbox();
    use(current, current.repo());
  });
  afterEach(() => current?.cleanup());
}
