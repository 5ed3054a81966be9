/**
 * The Python tool's `backpack export`: a zip of agent.lock and, when present,
 * agent.py, requirements.txt and README.md, at the top of the archive. Read
 * with yauzl, and distrusted: the Python tool's own import extracted every
 * entry as named (a zip-slip). Here an archive is refused whole, with nothing
 * written, when any entry is not one of those four names at the top (an
 * absolute path, "..", a folder, a backslash), is a symlink or encrypted, or
 * is larger than its bound; agent.lock must be an agent.lock.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import type { Entry, ZipFile } from "yauzl";
import { parseAgentLock } from "../core/agent-lock.js";
import { BackpackError } from "../errors/errors.js";

/** The names the Python tool's export writes, and the most each may hold. */
export const PYTHON_EXPORT_FILES: Readonly<Record<string, number>> = {
  "agent.lock": 16 * 1024 * 1024,
  "agent.py": 4 * 1024 * 1024,
  "requirements.txt": 1024 * 1024,
  "README.md": 4 * 1024 * 1024,
};
/** The largest archive read at all. */
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** True when the file starts like a zip archive ("PK\3\4", or "PK\5\6" for an empty one). */
export function isZipFile(path: string): boolean {
  let fd: number | undefined;
  try {
    // Only a regular file is looked into: opening a FIFO would wait for a writer (the bundle reader refuses it, saying so).
    if (!statSync(path).isFile()) return false;
    fd = openSync(path, "r");
    const head = Buffer.alloc(4);
    const n = readSync(fd, head, 0, 4, 0);
    return n === 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refused(file: string, why: string): BackpackError {
  return new BackpackError("INVALID_FILE", `${file} is not an export of the Python backpack-agent that backpack can import: ${why}`, "nothing was written; check where the archive came from");
}

/** Why an entry cannot be imported, or undefined when it can. */
function entryProblem(entry: Entry): string | undefined {
  const name = entry.fileName;
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "an entry name holds control characters";
  const shown = JSON.stringify(name);
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return `the entry ${shown} is an absolute path`;
  if (name.includes("\\") || name.split("/").includes("..")) return `the entry ${shown} points outside the folder`;
  if (name.includes("/")) return `the entry ${shown} is in a folder (the Python tool's export has none)`;
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return `the entry ${shown} is a symbolic link`;
  if ((entry.generalPurposeBitFlag & 1) !== 0) return `the entry ${shown} is encrypted`;
  const limit = PYTHON_EXPORT_FILES[name];
  if (limit === undefined || !Object.hasOwn(PYTHON_EXPORT_FILES, name)) return `it holds ${shown}, which the Python tool's export never writes (only ${Object.keys(PYTHON_EXPORT_FILES).join(", ")})`;
  if (entry.uncompressedSize > limit) return `${name} would be ${entry.uncompressedSize} bytes (at most ${limit})`;
  return undefined;
}

/** Reads one entry whole, stopping at its bound whatever its header claims. */
function readEntry(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          stream.destroy();
          reject(new Error(`${entry.fileName} is larger than ${limit} bytes`));
        } else chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * The files of a Python tool's export, by name, after every check above.
 * Throws INVALID_FILE (nothing read is returned) for anything else.
 */
export async function readPythonExport(path: string, shownName = path): Promise<Map<string, Buffer>> {
  if (statSync(path).size > MAX_ARCHIVE_BYTES) throw refused(shownName, `it is larger than ${MAX_ARCHIVE_BYTES} bytes`);
  const yauzl = await import("yauzl");
  const open = (yauzl.default ?? yauzl).open;
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    // strictFileNames: a backslash stays a backslash (and is refused), never a folder separator.
    open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (error, z) => (error || !z ? reject(error) : resolve(z))),
  ).catch((error: unknown) => {
    throw refused(shownName, `not a readable zip archive (${error instanceof Error ? error.message : "error"})`);
  });
  const files = new Map<string, Buffer>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (error: Error) => reject(refused(shownName, error.message)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        const problem = entryProblem(entry);
        if (problem) return reject(refused(shownName, problem));
        if (files.has(entry.fileName)) return reject(refused(shownName, `it holds ${entry.fileName} twice`));
        readEntry(zip, entry, PYTHON_EXPORT_FILES[entry.fileName] as number).then(
          (data) => {
            files.set(entry.fileName, data);
            zip.readEntry();
          },
          (error: unknown) => reject(refused(shownName, error instanceof Error ? error.message : "an entry cannot be read")),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  const lock = files.get("agent.lock");
  if (!lock) throw refused(shownName, "it holds no agent.lock");
  // The agent.lock must be one (format 1.0 from the Python tool, or any form backpack reads).
  try {
    parseAgentLock(lock.toString("utf8"), "its agent.lock");
  } catch (error) {
    throw refused(shownName, error instanceof BackpackError ? error.message : "its agent.lock cannot be read");
  }
  return files;
}
