/**
 * git's long-running filter protocol, version 2
 * (https://git-scm.com/docs/gitattributes#_long_running_filter_process):
 * one process serves every file of a checkout, add or status.
 *
 *   git:    "git-filter-client" "version=2" flush
 *   filter: "git-filter-server" "version=2" flush
 *   git:    "capability=clean" "capability=smudge" ... flush
 *   filter: the capabilities it takes, flush
 *   then per file:
 *   git:    "command=smudge" "pathname=a/agent.lock" [other key=value] flush
 *           content packets flush
 *   filter: "status=success" flush, content packets flush, flush (status unchanged)
 *       or: "status=error" flush   (this file failed; git goes on with the next)
 *
 * The process ends when git closes its end. A file that fails gets
 * status=error and the process keeps serving, so one corrupt blob never stops
 * a checkout of the others (with `filter.<name>.required`, git then reports
 * that file as failed).
 */
import { type ChunkSource, FLUSH_PKT, PktLineError, PktLineReader, contentPackets, encodeTextList } from "./pkt-line.js";

/** One file git asks the filter to convert. */
export interface FilterRequest {
  command: string;
  /** The path relative to the top of the work tree. */
  pathname: string;
  /** Every key=value git sent (ref, treeish, blob, ...). */
  headers: ReadonlyMap<string, string>;
  content: Buffer;
}

/** Converts one file's content; throws to fail that file only. */
export type FilterCommand = (pathname: string, content: Buffer, headers: ReadonlyMap<string, string>) => Buffer | Promise<Buffer>;

export interface FilterProcessOptions {
  /** The commands served, by name ("clean", "smudge"). */
  commands: Record<string, FilterCommand>;
  /** Called for a file that failed (after status=error is sent). */
  onFileError?: (error: unknown, request: FilterRequest) => void;
}

/** Where responses go: a Writable, or anything with the same write. */
export interface PacketSink {
  write(chunk: Buffer): boolean;
  once?(event: "drain", listener: () => void): unknown;
  /** Writes every piece, in order (a blocking writev); without it, the pieces are joined for `write`. */
  writeAll?(pieces: readonly Buffer[]): void;
}

const WELCOME_CLIENT = "git-filter-client";
const WELCOME_SERVER = "git-filter-server";
const VERSION = "version=2";
const SUCCESS = encodeTextList(["status=success"]);

async function send(out: PacketSink, chunk: Buffer): Promise<void> {
  if (!out.write(chunk) && out.once) await new Promise<void>((resolve) => out.once?.("drain", resolve));
}

function parseHeaders(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq <= 0) throw new PktLineError(`malformed request line (expected key=value)`);
    headers.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return headers;
}

/**
 * Runs the protocol until git closes the input. Throws PktLineError when the
 * stream breaks the protocol (then git sees the process die and fails).
 */
export async function serveFilterProcess(input: ChunkSource, out: PacketSink, options: FilterProcessOptions): Promise<void> {
  const reader = new PktLineReader(input);

  const welcome = reader.readTextList();
  if (!welcome || welcome[0] !== WELCOME_CLIENT) throw new PktLineError(`expected "${WELCOME_CLIENT}" from git`);
  if (!welcome.includes(VERSION)) throw new PktLineError("git offered no filter protocol version 2");
  await send(out, encodeTextList([WELCOME_SERVER, VERSION]));

  const offered = reader.readTextList();
  if (!offered) throw new PktLineError("git closed the stream during capability negotiation");
  const taken = Object.keys(options.commands)
    .map((name) => `capability=${name}`)
    .filter((capability) => offered.includes(capability));
  await send(out, encodeTextList(taken));

  for (;;) {
    const lines = reader.readTextList();
    if (lines === undefined) return;
    const headers = parseHeaders(lines);
    const content = reader.readContent();
    const request: FilterRequest = {
      command: headers.get("command") ?? "",
      pathname: headers.get("pathname") ?? "",
      headers,
      content,
    };
    const command = options.commands[request.command];
    let output: Buffer;
    try {
      if (!command) throw new PktLineError(`git asked for "${request.command}", which this filter did not offer`);
      output = await command(request.pathname, content, headers);
    } catch (error) {
      await send(out, encodeTextList(["status=error"]));
      options.onFileError?.(error, request);
      continue;
    }
    // One write per file: status, content, and an empty list (status unchanged).
    const pieces = contentPackets(output, SUCCESS, FLUSH_PKT);
    if (out.writeAll) out.writeAll(pieces);
    else await send(out, Buffer.concat(pieces));
  }
}
