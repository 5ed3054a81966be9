/**
 * .ci/keychain-free.mjs: the import check that picks the test files CI's keychain pass leaves
 * out (those the fresh-clone pass ran, whose results no keychain module can change). Over this
 * checkout, and over a miniature tree that breaks each of its rules once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keychainReach, leftOutOfKeychainPass } from "../../.ci/keychain-free.mjs";
import { PROJECT_ROOT } from "../helpers/project-root.js";

const free = (reach: Map<string, string[] | null>) => [...reach].filter(([, chain]) => chain === null).map(([file]) => file);

describe("the keychain-free test files (.ci/keychain-free.mjs)", () => {
  it("over this checkout: the scanner's tests and the pure core's, never a test that reaches the key stores, the sandbox or the CLI", () => {
    const reach = keychainReach(PROJECT_ROOT);
    const listed = free(reach);
    // Every scanner test the keychain pass left out before (test/unit/scan-*) is still left out.
    expect(listed.filter((f) => f.startsWith("test/unit/scan-")).length).toBe([...reach.keys()].filter((f) => f.startsWith("test/unit/scan-")).length);
    expect(listed).toEqual(expect.arrayContaining(["test/unit/agent-lock.test.ts", "test/unit/golden.test.ts", "test/unit/scan-linear.test.ts"]));
    // The key stores (src/keys/sources.ts reaches keychain-backends.ts), the CLI, the sandbox (every e2e test).
    expect(reach.get("test/unit/filter-process.test.ts")?.at(-2)).toBe("src/keys/keychain-backends.ts");
    expect(reach.get("test/unit/inject.test.ts")?.at(-1)).toBe("names the CLI");
    expect(reach.get("test/integration/key-sources.test.ts")).not.toBeNull();
    expect(listed.filter((f) => f.startsWith("test/e2e/"))).toEqual([]);
  });

  it("over this checkout: the keychain pass keeps the end-to-end files that declare why, and only those", () => {
    const leftOut = leftOutOfKeychainPass(PROJECT_ROOT);
    const e2e = [...keychainReach(PROJECT_ROOT).keys()].filter((f) => f.startsWith("test/e2e/"));
    const declared = e2e.filter((f) => readFileSync(join(PROJECT_ROOT, f), "utf8").startsWith("// Keychain pass (.ci/run): "));
    // The key stores' own subjects and the flows that read keys and values from them stay.
    expect(declared).toEqual(expect.arrayContaining(["test/e2e/keys.test.ts", "test/e2e/leak.test.ts", "test/e2e/model.test.ts", "test/e2e/team.test.ts", "test/e2e/run.test.ts", "test/e2e/pre-commit-framework.test.ts"]));
    expect(leftOut.filter((f) => f.startsWith("test/e2e/")).sort()).toEqual(e2e.filter((f) => !declared.includes(f)).sort());
    // The import check's list is left out as before; integration and unit files are never left out for want of a declaration.
    expect(leftOut).toEqual(expect.arrayContaining([...keychainReach(PROJECT_ROOT)].filter(([, chain]) => chain === null).map(([f]) => f)));
    expect(leftOut.filter((f) => !f.startsWith("test/e2e/")).sort()).toEqual([...keychainReach(PROJECT_ROOT)].filter(([, chain]) => chain === null).map(([f]) => f).sort());
  });

  describe("over a miniature tree, one rule broken per test file", () => {
    const root = mkdtempSync(join(tmpdir(), "backpack-keychain-free-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const file = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    file("src/core/pure.ts", 'import { other } from "./other.js";\nexport const pure = other;\n');
    file("src/core/other.ts", 'import { pure } from "./pure.js";\nexport const other = 1;\nexport const loop = () => pure;\n');
    file("src/keys/backends.ts", 'const NAMES = ["keytar", "@napi-rs/keyring"];\nexport const names = NAMES;\n');
    file("src/keys/store.ts", 'export {\n  names,\n} from "./backends.js";\n');
    file("src/keys/computed.ts", "export const load = (name: string) => import(name);\n");
    file("src/cli/start.ts", 'export const CLI = "bin/backpack.js";\n');
    file("src/core/samples.ts", 'export const sample = `import { Client } from "./client.js";\n`;\n// import { gone } from "./gone.js";\n');
    file("test/helpers/legacy.cjs", 'module.exports = require("../../src/keys/store.js");\n');
    file("test/unit/required.test.ts", 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\nexport default require("../helpers/legacy.cjs");\n');
    file("test/helpers/run.ts", 'import { spawnSync } from "node:child_process";\nexport const run = () => spawnSync("true");\n');
    file("test/unit/pure.test.ts", 'import { pure } from "../../src/core/pure.js";\nimport "../../src/core/samples.js";\nexport default pure;\n');
    file("test/unit/keys.test.ts", 'import { names } from "../../src/keys/store.js";\nexport default names;\n');
    file("test/unit/computed.test.ts", 'export default import("../../src/keys/computed.js");\n');
    file("test/unit/cli.test.ts", 'import { CLI } from "../../src/cli/start.js";\nexport default CLI;\n');
    file("test/integration/spawns.test.ts", 'import { run } from "../helpers/run.js";\nexport default run;\n');
    file("test/e2e/missing.test.ts", 'import { x } from "../helpers/missing.js";\nexport default x;\n');
    file("test/e2e/declared.test.ts", '// Keychain pass (.ci/run): it reads keys.\nimport { CLI } from "../../src/cli/start.js";\nexport default CLI;\n');
    file("test/e2e/undeclared.test.ts", '// keychain pass: not the form\nimport { CLI } from "../../src/cli/start.js";\nexport default CLI;\n');
    const reach = keychainReach(root);

    it("lists a test whose imports (an import cycle, sample code in a string, a comment) reach none", () => {
      expect(free(reach)).toEqual(["test/unit/pure.test.ts"]);
    });

    it("names the chain to a module that names a keychain module, through a re-export over lines", () => {
      expect(reach.get("test/unit/keys.test.ts")).toEqual(["test/unit/keys.test.ts", "src/keys/store.ts", "src/keys/backends.ts", "names a keychain module"]);
    });

    it("leaves out of the keychain pass the end-to-end files without the declaration, and the import check's", () => {
      expect(leftOutOfKeychainPass(root)).toEqual(["test/e2e/missing.test.ts", "test/e2e/undeclared.test.ts", "test/unit/pure.test.ts"]);
      expect(reach.get("test/e2e/declared.test.ts")?.at(-1)).toBe("names the CLI");
    });

    it("leaves out a computed import, the CLI, a process started in test/, a module it cannot read, a require", () => {
      expect(reach.get("test/unit/computed.test.ts")?.slice(-2)).toEqual(["src/keys/computed.ts", "computes an import"]);
      expect(reach.get("test/unit/cli.test.ts")?.slice(-2)).toEqual(["src/cli/start.ts", "names the CLI"]);
      expect(reach.get("test/integration/spawns.test.ts")?.slice(-2)).toEqual(["test/helpers/run.ts", "starts a process"]);
      expect(reach.get("test/e2e/missing.test.ts")?.at(-1)).toBe("cannot be read");
      expect(reach.get("test/unit/required.test.ts")?.slice(1, 3)).toEqual(["test/helpers/legacy.cjs", "src/keys/store.ts"]);
    });
  });
});
