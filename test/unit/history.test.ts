import { describe, expect, it } from "vitest";
import { historyEntries, jsonChanges, keyText, parseKeyPath } from "../../src/core/history.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { redactionTag } from "../../src/core/textconv.js";

const base: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: "zz-secret-1" } },
  personality: { tone: "dry", settings: { "top.p": 1 } },
  memory: { facts: ["a"], user: { name: "Ada" } },
};
const edit = (change: (d: WorkingForm) => void): WorkingForm => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("--key paths", () => {
  it("reads dotted paths, with JSON-quoted segments for dots and spaces", () => {
    expect(parseKeyPath("tone")).toEqual(["tone"]);
    expect(parseKeyPath("user.name")).toEqual(["user", "name"]);
    expect(parseKeyPath('settings."top.p"')).toEqual(["settings", "top.p"]);
    for (const bad of ["", ".", "a.", ".a", "a..b", 'a."b', 'a"b']) expect(parseKeyPath(bad)).toBeUndefined();
    for (const path of [["tone"], ["settings", "top.p"], ["a b", "c"]]) expect(parseKeyPath(keyText(path))).toEqual(path);
  });
});

describe("historyEntries", () => {
  const versions = [
    { meta: "c3", before: edit((d) => (d.personality.tone = "warm")), after: edit((d) => ((d.personality.tone = "warm"), ((d.memory.user as { name: string }).name = "Ada L."))) },
    { meta: "c2", before: base, after: edit((d) => (d.personality.tone = "warm")) },
    { meta: "c1", before: undefined, after: base },
  ];

  it("keeps the commits that changed what the filter asks for, only those changes", () => {
    expect(historyEntries(versions).map((e) => [e.meta, e.file, e.sections.map((s) => s.section)])).toEqual([
      ["c3", "changed", ["memory"]],
      ["c2", "changed", ["personality"]],
      ["c1", "added", ["credentials", "personality", "memory"]],
    ]);
    expect(historyEntries(versions, { layer: "personality", key: ["tone"] }).map((e) => e.meta)).toEqual(["c2", "c1"]);
    expect(historyEntries(versions, { key: ["user"] }).map((e) => [e.meta, e.sections[0]?.changes.map((c) => c.path.join("."))])).toEqual([
      ["c3", ["user.name"]],
      ["c1", ["user.name"]],
    ]);
    expect(historyEntries(versions, { key: ["nothing"] })).toEqual([]);
  });

  it("gives credential values as fingerprints in JSON unless asked", () => {
    const [added] = historyEntries(versions.slice(2), { layer: "credentials" });
    const changes = jsonChanges(added?.sections ?? []);
    expect(changes).toEqual([
      { layer: "credentials", key: "DEPLOY.source", path: ["DEPLOY", "source"], kind: "added", after: "embedded" },
      { layer: "credentials", key: "DEPLOY.value", path: ["DEPLOY", "value"], kind: "added", after: redactionTag("DEPLOY", "zz-secret-1") },
    ]);
    expect(JSON.stringify(changes)).not.toContain("zz-secret");
    expect(jsonChanges(added?.sections ?? [], true)[1]?.after).toBe("zz-secret-1");
  });
});
