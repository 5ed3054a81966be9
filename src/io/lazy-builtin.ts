/**
 * A Node built-in module loaded on first use rather than at import: what the
 * filter git runs and the pre-commit hook do not always need, they do not pay
 * for at every start.
 */
import { createRequire } from "node:module";

// The bundles' own require (CommonJS git parts; the ESM chunks' banner makes one); from source, one made
// on the first load: import.meta.url is a URL the git parts build only when asked (scripts/build.mjs).
let requireBuiltin: NodeRequire | undefined = typeof require === "function" ? require : undefined;

/** A getter that requires the built-in `name` the first time it is called. */
export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (requireBuiltin ??= createRequire(import.meta.url))(name) as T);
}
