import { readFileSync } from "node:fs";
import { it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
it("probe", () => {
  const d = JSON.parse(readFileSync("test/external-corpus/credsweeper.json", "utf8"));
  for (const n of (process.env.CS_PROBE ?? "").split(",")) {
    const f = d.files.find((f: { path: string }) => f.path.endsWith("/" + n));
    const text = expandFake(f.text, `credsweeper:${f.path}`);
    const res = scanText({ path: n, text });
    console.log(n, JSON.stringify(res.map((x) => [x.line, x.rule, x.name])));
    if (process.env.CS_SHOW) for (const x of res) console.log("   ", x.line, (text.split("\n")[x.line - 1] ?? "").slice(0, 120).replace(/[A-Za-z0-9]{12,}/g, "…"));
  }
});
