/**
 * docs/commands.md covers every command the built CLI has: each command and
 * sub-command by name, each of their options, and each `backpack git` entry.
 * A command added without its documentation fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const GLOBAL_OPTIONS = new Set(["debug", "verbose", "quiet", "help", "version"]);

/** Command names listed under "Commands:" in a help text, after the given prefix ("backpack key "). */
function listedCommands(help: string, prefix: string): string[] {
  const section = help.split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? "";
  return [...section.matchAll(new RegExp(`^ {2}${prefix.replace(/ /g, " ")}([a-z][a-z-]*)`, "gm"))].map((m) => m[1] as string);
}

/** The long options a help text lists, without the global ones. */
function listedOptions(help: string): string[] {
  const section = help.split(/\nOptions:\n/)[1] ?? "";
  return [...section.matchAll(/^\s+(?:-\w, )?--([a-z][a-z-]*)/gm)].map((m) => m[1] as string).filter((o) => !GLOBAL_OPTIONS.has(o));
}

describe("docs/commands.md", () => {
  let sb: Sandbox;
  let doc: string;
  beforeAll(() => {
    sb = makeSandbox();
    doc = readFileSync(join(PROJECT_ROOT, "docs/commands.md"), "utf8");
  });
  afterAll(() => sb.cleanup());

  /** The part of the doc under `### \`backpack NAME...` up to the next heading. */
  const sectionOf = (name: string): string => {
    const start = doc.search(new RegExp(`^### \`backpack ${name}\`$`, "m"));
    if (start < 0) return "";
    const next = doc.slice(start + 4).search(/^#{2,3} /m);
    return next < 0 ? doc.slice(start) : doc.slice(start, start + 4 + next);
  };

  // About 60 help runs of the built CLI, one after another: 30 s idle, past 60 s on a loaded machine.
  it("documents every command, sub-command and option of the built CLI", { timeout: 180_000 }, () => {
    const root = sb.backpack(["--help"]).stdout;
    const commands = listedCommands(root, "backpack ");
    expect(commands.length).toBeGreaterThan(8);
    const missing: string[] = [];
    for (const command of commands) {
      const help = sb.backpack([command, "--help"]).stdout;
      const section = sectionOf(command);
      if (!section) {
        missing.push(`### \`backpack ${command}\``);
        continue;
      }
      const subs = listedCommands(help, `backpack ${command} `);
      for (const option of listedOptions(help)) if (!section.includes(`--${option}`) && !section.includes(`--no-${option}`)) missing.push(`backpack ${command} --${option}`);
      for (const sub of subs) {
        // A sub-command may have its own heading (config personality) or live in its command's section.
        const own = sectionOf(`${command} ${sub}`);
        const where = own || section;
        if (!where.includes(`backpack ${command} ${sub}`)) missing.push(`backpack ${command} ${sub}`);
        const subHelp = sb.backpack([command, sub, "--help"]).stdout;
        for (const option of listedOptions(subHelp)) if (!where.includes(`--${option}`) && !where.includes(`--no-${option}`)) missing.push(`backpack ${command} ${sub} --${option}`);
      }
    }
    expect(missing, "undocumented in docs/commands.md").toEqual([]);
  });

  it("documents every entry point git runs", () => {
    const r = sb.backpack(["git"]);
    const entries = /one of: (.+)/.exec(r.stderr)?.[1]?.split(", ") ?? [];
    const documented = entries.filter((e) => e !== "(none yet)");
    for (const entry of documented) expect(doc, `backpack git ${entry}`).toContain(`\`backpack git ${entry}`);
  });

  it("links only to docs that exist", () => {
    for (const [, target] of doc.matchAll(/\]\(([a-z-]+\.md)(?:#[a-z0-9-]*)?\)/g)) {
      expect(() => readFileSync(join(PROJECT_ROOT, "docs", target as string)), target).not.toThrow();
    }
  });
});
