/**
 * The textconv records the filter process writes (render-cache.ts): a text
 * already recorded is not rendered or written again, only its age renewed.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createRenderRecorder, entryName, renderCacheDir } from "../../src/git/render-cache.js";

describe("the textconv record", () => {
  const dirs: string[] = [];
  const gitDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "render-cache-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("names an entry by the SHA-256 of the text, as `sha256sum` prints it for the textconv script", () => {
    expect(entryName(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("renders a text once: a second record of the same text only renews the entry's age", () => {
    const common = gitDir();
    let now = Date.now();
    const recorder = createRenderRecorder(common, () => now);
    const text = Buffer.from('{\n  "version": 2\n}\n');
    let renders = 0;
    recorder.record(text, () => {
      renders++;
      return "rendered\n";
    });
    const entry = join(renderCacheDir(common), `${entryName(text)}.txt`);
    expect(readFileSync(entry, "utf8")).toBe("rendered\n");
    const old = new Date(now - 10 * 60_000);
    utimesSync(entry, old, old);
    now += 1_000;
    recorder.record(text, () => {
      renders++;
      return "rendered again\n";
    });
    expect(renders).toBe(1);
    expect(readFileSync(entry, "utf8")).toBe("rendered\n");
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 5 * 60_000);

    // A text that renders as itself: an empty ".same" entry, also rendered once.
    const plain = Buffer.from("{}\n");
    recorder.record(plain, () => (renders++, undefined));
    recorder.record(plain, () => (renders++, undefined));
    expect(renders).toBe(2);
    expect(readdirSync(renderCacheDir(common)).sort()).toEqual([`${entryName(plain)}.same`, `${entryName(text)}.txt`].sort());
  });
});
