import { it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";
it("probe2", () => {
  for (const [path, t] of JSON.parse(process.env.CS_TEXTS ?? "[]") as [string, string][]) {
    const res = scanText({ path, text: expandFake(t, "probe") });
    console.log(JSON.stringify(t), "->", JSON.stringify(res.map((x) => [x.line, x.rule])));
  }
});
