/**
 * The context every command opens: git/context.ts's, plus one duty. When a
 * key rotation was cut short (its journal is under the git dir), the command
 * finishes it first (git/rotate.ts: finishRotation), says so in one line,
 * and goes on in the repository as it now is. Checking costs one stat.
 */
import { type CommandContext, openContext } from "../git/context.js";
import { rotationPending } from "../git/rotate-journal.js";
import { note } from "../output/output.js";

/** Opens the context for `cwd`, finishing an interrupted key rotation first. */
export async function openRepositoryContext(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<CommandContext> {
  const ctx = openContext(cwd, env);
  if (!rotationPending(ctx.repo)) return ctx;
  const { finishRotation, describeFinished } = await import("../git/rotate.js");
  const done = await finishRotation(ctx);
  if (done) note(describeFinished(done));
  return openContext(cwd, env);
}
