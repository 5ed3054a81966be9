/**
 * git's pkt-line framing (https://git-scm.com/docs/protocol-common#_pkt_line_format),
 * as the long-running filter protocol uses it:
 *
 *   pkt-line  = 4 hex digits (length of the whole packet, these 4 bytes
 *               included) followed by the data; at most 65520 bytes in all,
 *               so at most 65516 bytes of data
 *   flush-pkt = "0000": ends a list of packets
 *
 * Text packets end in LF, which the reader strips (git strips it too, and
 * accepts text packets without it). "0001"-"0003" (delim, response-end) belong
 * to protocol v2 fetches, never to filters, so they are refused here.
 *
 * Works over any iterable of chunks (blocking reads of git's pipe, see
 * fd-io.ts, or an array of Buffers in tests) and any writer, so the protocol
 * is tested without git.
 */

import { BackpackError } from "../errors/errors.js";

/** The most data one packet carries. */
export const MAX_PACKET_DATA = 65516;
const HEADER_BYTES = 4;
const FLUSH_TEXT = "0000";

/** A flush-pkt, ready to write. */
export const FLUSH_PKT: Buffer = Buffer.from(FLUSH_TEXT, "ascii");

/** What the reader returns for a flush-pkt (data packets are Buffers). */
export const FLUSH = Symbol("flush-pkt");

/**
 * A malformed stream: not pkt-line framing, or it ended inside a list. A
 * BackpackError (GIT, exit 8) with a hint, so a broken stream is reported as
 * what it is, never as an internal error; its name stays "BackpackError" so
 * that the git entry's separate bundles recognise it too.
 */
export class PktLineError extends BackpackError {
  constructor(message: string) {
    super("GIT", `filter protocol error: ${message}`, "git starts `backpack git filter-process` itself (filter.backpack.process) and speaks to it in pkt-line; if git did, run `backpack setup` to repair the config, and `git --version` should be 2.11 or newer");
  }
}

/** One data packet around `data` (at most MAX_PACKET_DATA bytes). */
export function encodePacket(data: Buffer): Buffer {
  if (data.length === 0) throw new PktLineError("a data packet cannot be empty (that would read as a flush-pkt)");
  if (data.length > MAX_PACKET_DATA) throw new PktLineError(`a packet holds at most ${MAX_PACKET_DATA} bytes`);
  const header = Buffer.from((data.length + HEADER_BYTES).toString(16).padStart(HEADER_BYTES, "0"), "ascii");
  return Buffer.concat([header, data]);
}

/** Text packets for `lines` (each given a trailing LF), then a flush-pkt. */
export function encodeTextList(lines: string[]): Buffer {
  return Buffer.concat([...lines.map((line) => encodePacket(Buffer.from(`${line}\n`, "utf8"))), FLUSH_PKT]);
}

const EMPTY = Buffer.alloc(0);

/**
 * `content` split into packets of at most MAX_PACKET_DATA bytes, then a
 * flush-pkt; `before` and `after` (already framed) around it, in one buffer.
 */
export function encodeContent(content: Buffer, before: Buffer = EMPTY, after: Buffer = EMPTY): Buffer {
  return Buffer.concat(contentPackets(content, before, after));
}

/**
 * The bytes encodeContent gives, as pieces to write in one writev: the
 * content's packets are views of `content`, not a copy (a 1 MB working form
 * is not copied once more on its way to git).
 */
export function contentPackets(content: Buffer, before: Buffer = EMPTY, after: Buffer = EMPTY): Buffer[] {
  const packets = Math.ceil(content.length / MAX_PACKET_DATA);
  const headers = Buffer.allocUnsafe(packets * HEADER_BYTES);
  const pieces: Buffer[] = before.length ? [before] : [];
  for (let at = 0, h = 0; at < content.length; at += MAX_PACKET_DATA, h += HEADER_BYTES) {
    const end = Math.min(at + MAX_PACKET_DATA, content.length);
    headers.write((end - at + HEADER_BYTES).toString(16).padStart(HEADER_BYTES, "0"), h, "latin1");
    pieces.push(headers.subarray(h, h + HEADER_BYTES), content.subarray(at, end));
  }
  pieces.push(FLUSH_PKT);
  if (after.length) pieces.push(after);
  return pieces;
}

/** The value of one lowercase hex digit (a byte), or -1. */
function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** The packet length the 4 lowercase hex digits at `at` give, or -1 when they are not that. */
function headerLength(bytes: Buffer, at: number): number {
  const a = hexDigit(bytes[at] as number);
  const b = hexDigit(bytes[at + 1] as number);
  const c = hexDigit(bytes[at + 2] as number);
  const d = hexDigit(bytes[at + 3] as number);
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

/** Where packets are read from. */
export type ChunkSource = Iterable<Buffer | string>;

/**
 * Reads packets from a stream of chunks, pulling only as much as each read
 * needs. Synchronous: the filter answers one file at a time, so a promise per
 * packet would only add work on git's hot path.
 */
export class PktLineReader {
  private readonly chunks: Iterator<Buffer | string>;
  private pending: Buffer = Buffer.alloc(0);
  /** Where unread data starts in `pending`. */
  private at = 0;
  private ended = false;

  constructor(source: ChunkSource) {
    this.chunks = source[Symbol.iterator]();
  }

  private available(): number {
    return this.pending.length - this.at;
  }

  /** Makes `n` bytes available; false when the stream ends first. */
  private fill(n: number): boolean {
    while (this.available() < n) {
      if (this.ended) return false;
      const next = this.chunks.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      const chunk = typeof next.value === "string" ? Buffer.from(next.value, "utf8") : next.value;
      this.pending = this.available() === 0 ? chunk : Buffer.concat([this.pending.subarray(this.at), chunk]);
      this.at = 0;
    }
    return true;
  }

  private take(n: number): Buffer {
    const out = this.pending.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** The next packet: its data, FLUSH, or undefined at a clean end of stream. */
  readPacket(): Buffer | typeof FLUSH | undefined {
    if (!this.fill(HEADER_BYTES)) {
      if (this.available() === 0) return undefined;
      throw new PktLineError("the stream ended inside a packet header");
    }
    // Read from the bytes: no string, pattern or parseInt per packet (git sends about eight a file).
    const length = headerLength(this.pending, this.at);
    this.at += HEADER_BYTES;
    if (length < 0) throw new PktLineError("not a pkt-line header (expected 4 hex digits)");
    if (length === 0) return FLUSH;
    if (length <= HEADER_BYTES) throw new PktLineError(`unexpected special packet ${length.toString(16).padStart(HEADER_BYTES, "0")} in a filter stream`);
    if (!this.fill(length - HEADER_BYTES)) throw new PktLineError("the stream ended inside a packet");
    return this.take(length - HEADER_BYTES);
  }

  /**
   * Text packets up to the next flush-pkt, LF stripped. Undefined when the
   * stream ends cleanly before the first packet (git closed the pipe).
   */
  readTextList(): string[] | undefined {
    const lines: string[] = [];
    for (;;) {
      const packet = this.readPacket();
      if (packet === undefined) {
        if (lines.length === 0) return undefined;
        throw new PktLineError("the stream ended before the flush-pkt of a list");
      }
      if (packet === FLUSH) return lines;
      lines.push(packet.toString("utf8", 0, packet[packet.length - 1] === 0x0a ? packet.length - 1 : packet.length));
    }
  }

  /** Data packets up to the next flush-pkt, joined. */
  readContent(): Buffer {
    const parts: Buffer[] = [];
    for (;;) {
      const packet = this.readPacket();
      if (packet === undefined) throw new PktLineError("the stream ended inside file content");
      if (packet === FLUSH) return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      parts.push(packet);
    }
  }
}
