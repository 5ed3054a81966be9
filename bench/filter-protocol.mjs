// git's long-running filter protocol (gitattributes(5), "Long Running Filter
// Process"), served with blocking reads and writes as backpack's own filter
// does (src/git/fd-io.ts), for the bench's floor filters (echo-filter.mjs,
// format-floor-filter.mjs). Written out on purpose, not backpack's pkt-line
// code: the floors measure Node and the protocol, not backpack.
import { readSync, writeSync } from "node:fs";

const buffer = Buffer.allocUnsafe(1 << 16);
let pending = Buffer.alloc(0);

function fill(n) {
  while (pending.length < n) {
    const got = readSync(0, buffer, 0, buffer.length, null);
    if (got === 0) return false;
    pending = Buffer.concat([pending, buffer.subarray(0, got)]);
  }
  return true;
}

/** The next packet's data, null for a flush, undefined at the end of input. */
function packet() {
  if (!fill(4)) return undefined;
  const length = Number.parseInt(pending.subarray(0, 4).toString("latin1"), 16);
  if (length === 0) {
    pending = pending.subarray(4);
    return null;
  }
  fill(length);
  const data = pending.subarray(4, length);
  pending = pending.subarray(length);
  return data;
}

function list() {
  const lines = [];
  for (;;) {
    const p = packet();
    if (p === undefined) return undefined;
    if (p === null) return lines;
    lines.push(p.toString("utf8").replace(/\n$/, ""));
  }
}

function content() {
  const parts = [];
  for (let p = packet(); p; p = packet()) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

const FLUSH = Buffer.from("0000");
const pkt = (data) => Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, "0")), data]);
const textList = (lines) => Buffer.concat([...lines.map((line) => pkt(Buffer.from(`${line}\n`))), FLUSH]);
function write(data) {
  for (let at = 0; at < data.length; ) at += writeSync(1, data, at);
}

/**
 * Serves clean and smudge until git closes the pipe: `convert(request, data)` gives each file's
 * answer (`request`: the request's lines, `command=…`, `pathname=…`); a throw answers status=error.
 */
export function serveFilter(convert) {
  list();
  write(textList(["git-filter-server", "version=2"]));
  write(textList(list().filter((c) => c === "capability=clean" || c === "capability=smudge")));
  for (let request = list(); request !== undefined; request = list()) {
    const data = content();
    let out;
    try {
      out = convert(request, data);
    } catch {
      write(textList(["status=error"]));
      continue;
    }
    const packets = [];
    for (let at = 0; at < out.length; at += 65516) packets.push(pkt(out.subarray(at, at + 65516)));
    write(Buffer.concat([textList(["status=success"]), ...packets, FLUSH, FLUSH]));
  }
}
