/**
 * Large texts for the scanner's windowed runs (src/scan/scanner.ts, `ruleMatches`): real code with
 * every rule's examples set apart in it, so that the literals' windows are sparse.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../src/scan/rules.js";
import { expandFake } from "./fake-secrets.mjs";

/** Real code with no secrets in it: this project's own sources, repeated to `size` characters. */
export function filler(size: number): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith(".ts")) files.push(readFileSync(join(dir, entry.name), "utf8"));
    }
  };
  walk("src/core");
  walk("src/git");
  const text = files.join("\n");
  return text.repeat(Math.ceil(size / text.length)).slice(0, size);
}

/** Every rule's examples, expanded, each set apart in a large text of code (so that windows are sparse). */
export function examplesInCode(): string {
  const code = filler(400_000);
  const examples = RULES.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative].map((t, i) => expandFake(t, `${rule.id}:${i}`)));
  const step = Math.floor(code.length / examples.length);
  return examples.map((example, i) => `${code.slice(i * step, (i + 1) * step)}\n${example}\n`).join("");
}

