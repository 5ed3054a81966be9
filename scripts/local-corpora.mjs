/**
 * Where corpora made of other repositories' files live on this machine: outside every git repository.
 * The files `fetch` brings are read to measure the scanner, never committed (the tool library's rule:
 * keep what fetch brings out of commits), so the harvest scripts write them here and the tests that
 * score them skip, saying where to harvest them, when they are absent (a fresh clone, CI).
 * The directory is `BACKPACK_CORPORA`, or `corpora` next to the checkout.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The local corpora's directory (it may not exist). */
export function localCorporaDir() {
  return process.env.BACKPACK_CORPORA ? resolve(process.env.BACKPACK_CORPORA) : resolve(fileURLToPath(new URL("../../corpora", import.meta.url)));
}

/** The path of one local corpus's file or directory, and whether it is there. */
export function localCorpus(...parts) {
  const path = join(localCorporaDir(), ...parts);
  return { path, present: existsSync(path) };
}
