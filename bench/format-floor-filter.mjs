// The 1,000-file checkout's second floor: a git filter-process server that
// does, per file, only the work backpack's stored form requires to give the
// working form, and nothing a filter could leave out: for each layer token,
// base64url-decode it, open AES-256-GCM, check the synthetic IV (HMAC-SHA256,
// part of the format: docs/format.md "Cryptography"), inflate a "z" or "b" layer; for
// format 3 the integrity line (one more HMAC); then parse each layer's JSON
// and write the working form's JSON (two-space indent). No key lookup, no
// checks of the file's layout beyond a regular expression, no warnings, no
// render cache: what is left of backpack's filter once everything it adds to
// the format's own work is gone. bench/git.mjs times a checkout through it
// next to the echo filter (echo-filter.mjs: the protocol alone) and backpack,
// and, with a textconv that hashes each version (b2sum) and prints it (cat),
// `git log -p` of 1 MB versions: what a render cache named by digests costs
// at the least (each distinct blob decrypted once, as backpack's filter does).
//
// Self-contained on purpose, as the echo filter is: Node's crypto and zlib,
// the key derivation of src/core/crypto.ts written out (HKDF-SHA256 per slot
// and purpose). Usage: node format-floor-filter.mjs KEY_FILE, where KEY_FILE
// holds `backpack key export`'s line. Only what the bench writes is read
// (formats 2 and 3, one key, no passphrase header): anything else is
// answered with status=error.
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { serveFilter } from "./filter-protocol.mjs";
import { brotliDecompressSync, inflateRawSync } from "node:zlib";

const keyLine = readFileSync(process.argv[2] ?? "", "utf8").trim();
const repoKey = Buffer.from(keyLine.slice(keyLine.indexOf(":") + 1), "base64url");
const SALT = Buffer.from("backpack/v2/hkdf-salt");
const hkdf = (info) => Buffer.from(hkdfSync("sha256", repoKey, SALT, Buffer.from(info), 32));
const SLOTS = ["meta", "credentials", "personality", "memory"];
const keys = {};
for (const v of [2, 3]) for (const slot of SLOTS) keys[`${v}/${slot}`] = { enc: hkdf(`backpack/v${v}/${slot}/enc`), mac: hkdf(`backpack/v${v}/${slot}/nonce`) };
const integrityKey = hkdf("backpack/v3/integrity");

const TOKEN = /"(meta|credentials|personality|memory)": "(v([23])\.([jzb])\.([A-Za-z0-9_-]+))"/g;
const HEADER = /"cipher": "([^"]+)",\n {2}"key": "([0-9a-f]{16})",(?:\n {2}"id": "([^"]+)",)?\n/;
const MAC = /"mac": "([A-Za-z0-9_-]{43})"/;

function open(slot, version, flag, body, id) {
  const nonce = body.subarray(0, 12);
  const { enc, mac } = keys[`${version}/${slot}`];
  const aad = Buffer.from(version === "3" ? `backpack/v3/${slot}/${flag}/${id}` : `backpack/v2/${slot}/${flag}`);
  const decipher = createDecipheriv("aes-256-gcm", enc, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - 16));
  const payload = decipher.update(body.subarray(12, body.length - 16));
  decipher.final();
  const hmac = createHmac("sha256", mac);
  if (version === "3") {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(aad.length);
    hmac.update(length).update(aad);
  } else hmac.update(flag);
  if (!timingSafeEqual(hmac.update(payload).digest().subarray(0, 12), nonce)) throw new Error("synthetic IV");
  if (flag === "b") return brotliDecompressSync(payload, { chunkSize: 64 * 1024 });
  return flag === "z" ? inflateRawSync(payload) : payload;
}

/** The working form's text of one stored form. */
function smudge(content) {
  const text = content.toString("utf8");
  const header = HEADER.exec(text);
  if (!header) throw new Error("not a stored form");
  const [, cipher, key, id] = header;
  const doc = { version: 2 };
  if (id !== undefined) doc.id = id;
  const lines = [];
  let version;
  for (const [, slot, token, v, flag, body] of text.matchAll(TOKEN)) {
    version = v;
    lines.push(`${slot}=${token}\n`);
    doc[slot === "meta" ? "agent" : slot] = JSON.parse(open(slot, v, flag, Buffer.from(body, "base64url"), id).toString("utf8"));
  }
  if (version === "3") {
    const hmac = createHmac("sha256", integrityKey).update("backpack/v3/integrity\n");
    for (const field of ["version=3", `cipher=${cipher}`, `key=${key}`, `id=${id}`, "kdf="]) hmac.update(`${field}\n`);
    for (const line of lines) hmac.update(line);
    if (!timingSafeEqual(Buffer.from(hmac.digest("base64url")), Buffer.from(MAC.exec(text)?.[1] ?? ""))) throw new Error("integrity");
  }
  const { version: _, id: __, agent, ...layers } = doc;
  return Buffer.from(`${JSON.stringify({ version: 2, ...(id === undefined ? {} : { id }), ...(agent ? { agent } : {}), ...layers }, null, 2)}\n`, "utf8");
}

// A diff asks for most versions twice (`git log -p`: the new side of one commit, the old side of the
// next): each blob is decrypted once, as backpack's filter does (a checkout sends a treeish; no memo).
const diffSmudges = new Map();
function smudgeOnce(request, data) {
  const blob = request.some((line) => line.startsWith("treeish=")) ? undefined : request.find((line) => line.startsWith("blob="));
  if (blob === undefined) return smudge(data);
  let text = diffSmudges.get(blob);
  if (!text) diffSmudges.set(blob, (text = smudge(data)));
  return text;
}

serveFilter((request, data) => (request.includes("command=smudge") ? smudgeOnce(request, data) : data));
