/**
 * A Node built-in module loaded on first use rather than at import: what the
 * filter git runs and the pre-commit hook do not always need, they do not pay
 * for at every start.
 */
import { createRequire } from "node:module";

const requireBuiltin = createRequire(import.meta.url);

/** A getter that requires the built-in `name` the first time it is called. */
export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireBuiltin(name) as T);
}
