import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLUSH, FLUSH_PKT, MAX_PACKET_DATA, PktLineError, PktLineReader, contentPackets, encodeContent, encodePacket, encodeTextList } from "../../src/git/pkt-line.js";

/** Yields `data` in chunks cut at the given offsets, as a pipe might. */
function* chunked(data: Buffer, cuts: number[] = []): Generator<Buffer> {
  let at = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < data.length).sort((a, b) => a - b)) {
    yield data.subarray(at, cut);
    at = cut;
  }
  if (at < data.length) yield data.subarray(at);
}

describe("pkt-line encoding", () => {
  it("frames data with its total length in 4 hex digits", () => {
    expect(encodePacket(Buffer.from("a\n")).toString()).toBe("0006a\n");
    expect(encodeTextList(["git-filter-server", "version=2"]).toString()).toBe("0016git-filter-server\n000eversion=2\n0000");
    expect(FLUSH_PKT.toString()).toBe("0000");
  });

  it("refuses empty and oversized packets", () => {
    expect(() => encodePacket(Buffer.alloc(0))).toThrow(PktLineError);
    expect(() => encodePacket(Buffer.alloc(MAX_PACKET_DATA + 1))).toThrow(PktLineError);
    expect(encodePacket(Buffer.alloc(MAX_PACKET_DATA)).subarray(0, 4).toString()).toBe("fff0");
  });

  it("splits content at 65516 bytes a packet and ends it with a flush", () => {
    const content = Buffer.alloc(MAX_PACKET_DATA * 2 + 1, 0x61);
    const out = encodeContent(content);
    expect(out.length).toBe(content.length + 3 * 4 + 4);
    expect(out.subarray(0, 4).toString()).toBe("fff0");
    expect(out.subarray(out.length - 9).toString()).toBe("0005a0000");
    expect(encodeContent(Buffer.alloc(0)).toString()).toBe("0000");
  });

  it("gives the same bytes as pieces for one writev, the content's packets views of it (not a copy)", () => {
    const before = encodeTextList(["status=success"]);
    const after = FLUSH_PKT;
    for (const size of [0, 1, MAX_PACKET_DATA, MAX_PACKET_DATA + 1, MAX_PACKET_DATA * 3 + 7]) {
      const content = Buffer.alloc(size, 0x63);
      const pieces = contentPackets(content, before, after);
      expect(Buffer.concat(pieces).equals(encodeContent(content, before, after))).toBe(true);
      const views = pieces.filter((piece) => piece.buffer === content.buffer);
      expect(views.reduce((n, piece) => n + piece.length, 0)).toBe(size);
    }
  });

  it("frames content between lists given before and after it, in one buffer, as separate encodings would", () => {
    const before = encodeTextList(["status=success"]);
    for (const size of [1, 5, MAX_PACKET_DATA, MAX_PACKET_DATA + 1, MAX_PACKET_DATA * 2 + 7]) {
      const content = Buffer.alloc(size, 0x62);
      expect(encodeContent(content, before, FLUSH_PKT).equals(Buffer.concat([before, encodeContent(content), FLUSH_PKT]))).toBe(true);
    }
  });
});

describe("PktLineReader", () => {
  it("reads text lists (LF stripped, or absent) and reports a clean end", () => {
    const reader = new PktLineReader(chunked(Buffer.from("000ecommand=a\n0009no-lf00000000")));
    expect(reader.readTextList()).toEqual(["command=a", "no-lf"]);
    expect(reader.readTextList()).toEqual([]);
    expect(reader.readTextList()).toBeUndefined();
  });

  it("round-trips any content, however the stream is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3 * MAX_PACKET_DATA, size: "max" }),
        fc.array(fc.nat({ max: 3 * MAX_PACKET_DATA + 64 }), { maxLength: 12 }),
        (bytes, cuts) => {
          const content = Buffer.from(bytes);
          const stream = Buffer.concat([encodeTextList(["pathname=x"]), encodeContent(content), encodeTextList(["next"])]);
          const reader = new PktLineReader(chunked(stream, cuts));
          expect(reader.readTextList()).toEqual(["pathname=x"]);
          expect((reader.readContent()).equals(content)).toBe(true);
          expect(reader.readTextList()).toEqual(["next"]);
          expect(reader.readPacket()).toBeUndefined();
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reads a header as exactly 4 lowercase hex digits, as git writes it (the bytes read without a string)", () => {
    // The reference: what the reader did before it read the bytes, with a pattern and parseInt.
    const expected = (header: string): "refused" | "flush" | "special" | number => {
      if (!/^[0-9a-f]{4}$/.test(header)) return "refused";
      const length = Number.parseInt(header, 16);
      return length === 0 ? "flush" : length <= 4 ? "special" : length;
    };
    const got = (header: string): "refused" | "flush" | "special" | number => {
      const data = Buffer.alloc(Math.max(0, (Number.parseInt(header, 16) || 0) - 4), "a");
      const reader = new PktLineReader([Buffer.concat([Buffer.from(header, "latin1"), data])]);
      try {
        const packet = reader.readPacket();
        return packet === FLUSH ? "flush" : (packet as Buffer).length + 4;
      } catch (error) {
        expect(error).toBeInstanceOf(PktLineError);
        return /unexpected special packet/.test((error as Error).message) ? "special" : "refused";
      }
    };
    const characters = "0123456789abcdefABCDEFgG/:`@ -+x\u00e9";
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...characters), { minLength: 4, maxLength: 4 }), (chars) => {
        const header = chars.join("");
        expect(got(header), header).toBe(expected(header));
      }),
      { numRuns: 2_000 },
    );
    for (const header of ["0000", "0001", "0002", "0003", "0004", "0005", "fff0", "ffff", "000A", "00a0", "9abc"]) expect(got(header), header).toBe(expected(header));
    expect(() => new PktLineReader([Buffer.from("0002")]).readPacket()).toThrow(/unexpected special packet 0002/);
  });

  it("reads text lines in UTF-8, a trailing LF stripped once", () => {
    const reader = new PktLineReader([encodeTextList(["pathname=d\u00e9j\u00e0/\u{1f392}/agent.lock", "a=\n"])]);
    expect(reader.readTextList()).toEqual(["pathname=d\u00e9j\u00e0/\u{1f392}/agent.lock", "a=\n"]);
  });

  it("returns FLUSH for a flush-pkt", () => {
    const reader = new PktLineReader(chunked(Buffer.from("0000")));
    expect(reader.readPacket()).toBe(FLUSH);
  });

  it("rejects broken framing with PktLineError", () => {
    const cases: [string, (r: PktLineReader) => unknown][] = [
      ["00", (r) => r.readPacket()], // ends inside a header
      ["zz12", (r) => r.readPacket()], // not hex
      ["0001", (r) => r.readPacket()], // delim-pkt: protocol v2 fetch, not filters
      ["0009ab", (r) => r.readPacket()], // ends inside the data
      ["0006a\n", (r) => r.readTextList()], // list without its flush
      ["0006a\n", (r) => r.readContent()], // content without its flush
    ];
    for (const [text, read] of cases) {
      expect(() => read(new PktLineReader(chunked(Buffer.from(text)))), text).toThrow(PktLineError);
    }
  });
});
