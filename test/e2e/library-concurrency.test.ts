/**
 * Several processes updating one agent's memory at once through the built
 * library (dist/index.js) and the CLI: no update is lost, and a reader
 * polling all along never sees a torn or invalid file. A writer that dies
 * holding the lock does not block the others.
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const LIBRARY = JSON.stringify(join(PROJECT_ROOT, "dist/index.js"));

const WRITER = `
import { updateMemory } from ${LIBRARY};
const [id, count] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  await updateMemory((memory) => {
    memory.count = (memory.count ?? 0) + 1;
    memory.log = [...(memory.log ?? []), id + "-" + i];
  });
}
`;

const READER = `
import { loadAgent } from ${LIBRARY};
import { existsSync } from "node:fs";
let reads = 0, failures = 0, last = 0, backwards = 0;
while (!existsSync("stop")) {
  try {
    const agent = await loadAgent();
    const count = agent.memory.count ?? 0;
    if (count < last) backwards++;
    last = count;
    reads++;
  } catch (error) {
    failures++;
    console.error(error.code ?? error.name);
  }
}
console.log(JSON.stringify({ reads, failures, backwards }));
`;

const DIES_HOLDING_LOCK = `
import { updateMemory } from ${LIBRARY};
await updateMemory(() => { process.exit(9); });
`;

function runNode(sb: Sandbox, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: sb.root, env: sb.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("concurrent memory updates", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
    expect(sb.backpack(["init", "--credentials", "OPENAI_API_KEY"]).status).toBe(0);
    writeFileSync(join(sb.root, "writer.mjs"), WRITER);
    writeFileSync(join(sb.root, "reader.mjs"), READER);
    writeFileSync(join(sb.root, "dies.mjs"), DIES_HOLDING_LOCK);
  });
  afterEach(() => sb.cleanup());

  it("loses no update and never shows a torn file", async () => {
    const perWriter = 15;
    const reader = runNode(sb, ["reader.mjs"]);
    const writers = ["a", "b", "c"].map((id) => runNode(sb, ["writer.mjs", id, String(perWriter)]));
    const cli = Array.from({ length: 3 }, (_, i) => runNode(sb, [CLI, "memory", "set", `cli_${i}`, String(i)]));
    const done = await Promise.all([...writers, ...cli]);
    for (const r of done) expect(r.status, r.stderr).toBe(0);
    writeFileSync(join(sb.root, "stop"), "");
    const read = await reader;
    expect(read.status, read.stderr).toBe(0);
    const stats = JSON.parse(read.stdout);
    expect(stats.failures).toBe(0);
    expect(stats.backwards).toBe(0);
    expect(stats.reads).toBeGreaterThan(0);

    const memory = JSON.parse(sb.backpack(["memory", "show"]).stdout);
    expect(memory.count).toBe(3 * perWriter);
    expect(new Set(memory.log).size).toBe(3 * perWriter);
    expect([memory.cli_0, memory.cli_1, memory.cli_2]).toEqual([0, 1, 2]);
    expect(existsSync(join(sb.root, ".agent.lock.lock"))).toBe(false);
  });

  it("carries on after a writer dies holding the lock", async () => {
    const died = await runNode(sb, ["dies.mjs"]);
    expect(died.status).toBe(9);
    expect(existsSync(join(sb.root, ".agent.lock.lock"))).toBe(true);
    const next = await runNode(sb, ["writer.mjs", "after", "1"]);
    expect(next.status, next.stderr).toBe(0);
    expect(JSON.parse(sb.backpack(["memory", "show"]).stdout).log).toEqual(["after-0"]);
    expect(existsSync(join(sb.root, ".agent.lock.lock"))).toBe(false);
  });
});
