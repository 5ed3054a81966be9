/** Reading a file that may not be there. */
import { readFileSync } from "node:fs";

/** The file's text, or undefined when it does not exist (other errors throw). */
export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
