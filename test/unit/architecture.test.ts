/**
 * The house rules (.dependency-cruiser.cjs, ARCHITECTURE.md) over the real
 * src/, and over a miniature src/ (test/fixtures/architecture) that breaks
 * each rule once, so a rule that could never fail would show here.
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { cruise, type ICruiseOptions, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, "../..");
const rules = require(resolve(root, ".dependency-cruiser.cjs")) as { forbidden: Array<{ name: string }>; options: ICruiseOptions };

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const result = await cruise(["src"], { ...rules.options, baseDir, ruleSet: { forbidden: rules.forbidden }, validate: true } as ICruiseOptions);
  if (typeof result.output === "string") throw new Error("dependency-cruiser returned text, expected its JSON result");
  return result.output.summary.violations;
}

const described = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(" -> ")})` : ""}`;

describe("the house rules", () => {
  it("hold for src/: no cycles, no upward imports, a pure core", async () => {
    const violations = await violationsIn(root);
    expect(violations.map(described)).toEqual([]);
  }, 60_000);

  it("fail, by rule name, on a tree that breaks each of them", async () => {
    const violations = await violationsIn(resolve(root, "test/fixtures/architecture"));
    const byRule = new Map<string, string[]>();
    for (const v of violations) byRule.set(v.rule.name, [...(byRule.get(v.rule.name) ?? []), `${v.from} -> ${v.to}`]);
    expect(byRule.get("core-does-no-io")).toEqual(["src/core/impure.ts -> fs"]);
    expect(byRule.get("core-is-pure")).toEqual(["src/core/impure.ts -> src/keys/key.ts"]);
    expect(byRule.get("no-circular")).toHaveLength(1);
    expect(byRule.get("no-circular")?.[0]).toMatch(/^src\/core\/[ab]\.ts -> src\/core\/[ab]\.ts$/);
    expect(byRule.get("layers-down-only:keys")).toEqual(["src/keys/key.ts -> src/git/git.ts"]);
    expect(byRule.get("nothing-imports-the-cli")).toEqual(["src/git/git.ts -> src/cli/cli.ts"]);
    expect(byRule.get("layers-down-only:git")).toEqual(["src/git/git.ts -> src/cli/cli.ts"]);
    expect(byRule.get("layers-down-only:scan")).toEqual(["src/scan/scan.ts -> src/runtime/runtime.ts"]);
    // config -> core is allowed; errors is the ground.
    expect([...byRule.values()].flat().filter((edge) => edge.startsWith("src/config/"))).toEqual([]);
  }, 60_000);

  it("name every layer folder that exists in src/", async () => {
    const { readdirSync } = await import("node:fs");
    const named = new Set(rules.forbidden.map((r) => r.name.replace(/^layers-down-only:/, "")));
    const folders = readdirSync(resolve(root, "src"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    // The top layer (cli) may import anything, so it has no layers-down-only rule; every other folder must have one.
    expect(folders.filter((f) => f !== "cli" && !named.has(f))).toEqual([]);
  });
});

describe("ARCHITECTURE.md", () => {
  it("has one row per folder of src/, and no row for a folder that is gone", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const text = readFileSync(resolve(root, "ARCHITECTURE.md"), "utf8");
    const rows = [...text.matchAll(/^\| `src\/([a-z-]+)\/` \|/gm)].map((m) => m[1]);
    const folders = readdirSync(resolve(root, "src"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(rows.sort()).toEqual(folders.sort());
  });

  it("lists the layers in the order the rules enforce", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(resolve(root, "ARCHITECTURE.md"), "utf8");
    const rows = [...text.matchAll(/^\| `src\/([a-z-]+)\/` \|/gm)].map((m) => m[1] as string);
    const config = readFileSync(resolve(root, ".dependency-cruiser.cjs"), "utf8");
    const layerList = /const layers = \[([\s\S]*?)\n\];/.exec(config)?.[1] ?? "";
    const order = [...layerList.matchAll(/"([a-z-]+)"/g)].map((m) => m[1] as string);
    expect(rows).toEqual(order.filter((name) => rows.includes(name)));
    expect(order.filter((name) => name !== "index")).toEqual(order.filter((name) => rows.includes(name)));
  });
});
