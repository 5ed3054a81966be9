/**
 * Changing an agent.lock safely: under its lock file (see io/file-lock.ts),
 * read the current file, apply the change, validate, write atomically. Two
 * writers at once never lose an update and never leave a torn file. The
 * working form is written in a repository wired by `backpack setup`, the
 * stored form elsewhere (with the key the file was opened with).
 */
import { dirname, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { findProtoKey } from "../core/canonical.js";
import { type WorkingForm, workingFormSchema } from "../core/schema.js";
import { loadAgentFile, saveAgentFile } from "../agent-file/agent-file.js";
import { type CommandContext } from "../git/context.js";
import { saveOptionsFor } from "../agent-file/agent-file.js";
import { keptContext } from "../git/context-cache.js";
import { rotationPending } from "../git/rotate-journal.js";
import { type LockOptions, withFileLock } from "../io/file-lock.js";
import { log } from "../output/log.js";

export interface UpdateOptions extends LockOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the context of the file's folder. */
  ctx?: CommandContext;
}

/**
 * The command context for an agent.lock: the repository (and key) of the
 * file's own folder, kept for the process while it stays valid (an agent
 * saves memory often; see files/context-cache.ts).
 */
export function contextForFile(file: string, env: NodeJS.ProcessEnv = process.env): CommandContext {
  return keptContext(dirname(resolve(file)), env);
}

/**
 * The path of the first value that JSON would not keep as it is: a class
 * instance (Date, Map: JSON turns them into strings or {}), a function,
 * undefined, NaN or Infinity. The schema alone would let a Date pass as {}.
 */
export function findNonJson(value: unknown, path: string[] = []): string | undefined {
  const here = path.join(".") || "top level";
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : here;
  if (typeof value !== "object") return here;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return here;
  for (const key of Object.keys(value)) {
    const found = findNonJson((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Checks a changed document before it is written; a one-line USAGE error names the first problem. */
export function checkDocument(doc: unknown, file: string): WorkingForm {
  const proto = findProtoKey(doc);
  if (proto) throw new BackpackError("USAGE", `"__proto__" cannot be a key (at ${proto})`, "rename that key");
  const odd = findNonJson(doc);
  if (odd) {
    throw new BackpackError("USAGE", `the change would put a value JSON cannot hold into ${file} (at ${odd})`, "store strings, numbers, booleans, null, arrays and plain objects (a date as an ISO string)");
  }
  const parsed = workingFormSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "top level";
    throw new BackpackError("USAGE", `the change would make ${file} invalid: ${where}: ${issue?.message ?? "invalid"}`, "only JSON values (strings, numbers, booleans, null, arrays, objects) can be stored");
  }
  return parsed.data;
}

/**
 * Applies `mutate` to the current document under the file's lock and writes
 * the result. `mutate` changes the document in place; what it returns is
 * passed back as `result`.
 */
export async function updateAgentFile<T>(
  file: string,
  mutate: (doc: WorkingForm) => T | Promise<T>,
  options: UpdateOptions = {},
): Promise<{ doc: WorkingForm; result: T; form: "working" | "stored" }> {
  const path = resolve(file);
  let ctx = options.ctx ?? contextForFile(path, options.env);
  if (rotationPending(ctx.repo)) {
    // Finish an interrupted key rotation first, so this write uses the key the repository ends up with.
    const { finishRotation } = await import("../git/rotate.js");
    await finishRotation(ctx);
    ctx = contextForFile(path, options.env);
  }
  return withFileLock(
    path,
    async () => {
      const loaded = await loadAgentFile(path, ctx.resolver);
      if (loaded.form === "v1") {
        throw new BackpackError("USAGE", `${file} is in the Python tool's format 1.0, which backpack does not write`, `convert it first with \`backpack migrate ${file}\``);
      }
      const draft = structuredClone(loaded.doc);
      const result = await mutate(draft);
      const doc = checkDocument(draft, file);
      const save = await saveOptionsFor(ctx, loaded);
      saveAgentFile(path, doc, { ...save, previous: loaded.doc });
      log.info("agent.lock written", { operation: "update", file: path, form: save.form });
      return { doc, result, form: save.form };
    },
    options,
  );
}

/** How a written form is described to the user. */
export function describeForm(form: "working" | "stored"): string {
  return form === "working" ? "working form; git encrypts it on commit" : "encrypted";
}
