// Records `backpack demo` on a pseudo-terminal into docs/demo.cast (asciicast
// v2) and docs/demo.svg (animated, with svg-term), the picture README.md shows.
//
//   npm run demo:record            # build, record, write both files
//   node scripts/record-demo.mjs --check   # exit 1 when the committed files differ from a fresh run
//
// The pty is python3's standard `pty` module (as the tests use it): nothing to
// build. The recording is made deterministic so that a fresh run reproduces
// the committed files byte for byte: what differs per run (the throwaway
// folder's name, the random key's fingerprint, ciphertext, git's object ids)
// is replaced by stand-ins of the same length and alphabet, the same value by
// the same stand-in; and the time of each line is set by a fixed rhythm
// instead of the clock. The demo's secrets are fake and never printed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { render } from "svg-term";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CAST = join(ROOT, "docs/demo.cast");
const SVG = join(ROOT, "docs/demo.svg");
const COLS = 110; // the demo cuts ciphertext lines at 104 characters: none wraps
const ROWS = 34;
const COMMAND = "backpack demo";

/** Fork the command on a pty of the given size; copy what the terminal shows to stdout. */
const BRIDGE = String.raw`
import fcntl, os, pty, struct, sys, termios
cols, rows = int(sys.argv[1]), int(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvp(sys.argv[3], sys.argv[3:])
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    os.write(1, data)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

/** What `backpack demo` shows on a terminal of COLS x ROWS, raw (CR LF line ends). */
function runDemo() {
  // A plain terminal's environment, whatever this one has (CI, NO_COLOR, BACKPACK_* of the tests).
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmpdir(), LANG: "C.UTF-8", TERM: "xterm-256color", COLUMNS: String(COLS), LINES: String(ROWS) };
  const r = spawnSync("python3", ["-c", BRIDGE, String(COLS), String(ROWS), process.execPath, join(ROOT, "bin/backpack.js"), "demo"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`backpack demo exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const HEX = "0123456789abcdef";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Replaces what differs per run by stand-ins: the same value, the same stand-in; same length, same alphabet. */
export function normalise(text, tmp = realpathSync(tmpdir())) {
  const seen = new Map();
  const standIn = (kind, value, alphabet) => {
    const key = `${kind}:${value}`;
    if (!seen.has(key)) {
      let bytes = Buffer.alloc(0);
      for (let i = 0; bytes.length < value.length; i++) bytes = Buffer.concat([bytes, createHash("sha256").update(`${kind}:${seen.size}:${i}`).digest()]);
      seen.set(key, [...value].map((_, i) => alphabet[bytes[i] % alphabet.length]).join(""));
    }
    return seen.get(key);
  };
  const escaped = tmp.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .replace(new RegExp(`${escaped}/backpack-demo-([A-Za-z0-9]{6})`, "g"), (_, id) => `/tmp/backpack-demo-${standIn("dir", id, ALNUM)}`)
    .replace(/\bv2\.([jz])\.([A-Za-z0-9_-]+)/g, (_, kind, token) => `v2.${kind}.${standIn("token", token, B64URL)}`)
    .replace(/\b[0-9a-f]{16}\b/g, (fp) => standIn("fingerprint", fp, HEX))
    .replace(/<redacted:([0-9a-f]{8})>/g, (_, fp) => `<redacted:${standIn("redacted", fp, HEX)}>`)
    .replace(/^(\s*index )([0-9a-f]{7,})\.\.([0-9a-f]{7,})/gm, (_, lead, a, b) => `${lead}${standIn("object", a, HEX)}..${standIn("object", b, HEX)}`);
}

/** An asciicast v2 recording: the command typed at a prompt, then each line of output at a fixed rhythm. */
export function toCast(output) {
  const events = [];
  let t = 0.5;
  const emit = (data) => events.push([Number(t.toFixed(3)), "o", data]);
  emit("$ ");
  for (const ch of COMMAND) {
    t += 0.07;
    emit(ch);
  }
  t += 0.4;
  emit("\r\n");
  for (const line of output.split(/(?<=\n)/)) {
    // A pause before each step heading, so each step can be read.
    t += /^(\r?\n)?== /.test(line) ? 1.6 : line.trim() === "" ? 0.05 : 0.08;
    emit(line);
  }
  t += 3;
  emit("");
  const header = { version: 2, width: COLS, height: ROWS, title: "backpack demo", env: { TERM: "xterm-256color", SHELL: "/bin/bash" } };
  return `${[header, ...events].map((e) => JSON.stringify(e)).join("\n")}\n`;
}

/** The animated SVG of a cast. */
export function toSvg(cast) {
  return `${render(cast, { window: true, paddingX: 8, paddingY: 8 })}\n`;
}

function main() {
  const check = process.argv.includes("--check");
  const cast = toCast(normalise(runDemo()));
  const svg = toSvg(cast);
  if (check) {
    const stale = [
      [CAST, cast],
      [SVG, svg],
    ].filter(([path, text]) => {
      try {
        return readFileSync(path, "utf8") !== text;
      } catch {
        return true;
      }
    });
    for (const [path] of stale) console.error(`${path.slice(ROOT.length + 1)} is out of date: run \`npm run demo:record\` and commit it`);
    process.exit(stale.length ? 1 : 0);
  }
  writeFileSync(CAST, cast);
  writeFileSync(SVG, svg);
  console.log(`wrote docs/demo.cast (${cast.split("\n").length - 2} events) and docs/demo.svg (${Math.round(svg.length / 1024)} kB)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
