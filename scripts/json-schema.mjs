// Writes schema/*.json from the zod schemas, via the built library bundle.
import { mkdirSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

export async function writeJsonSchemas() {
  const { jsonSchemas } = await import(pathToFileURL(resolve("dist/index.js")).href);
  const { working, stored } = jsonSchemas();
  mkdirSync("schema", { recursive: true });
  writeFileSync("schema/agent-lock.working.schema.json", `${JSON.stringify(working, null, 2)}\n`);
  writeFileSync("schema/agent-lock.stored.schema.json", `${JSON.stringify(stored, null, 2)}\n`);
}
