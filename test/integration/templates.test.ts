import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SHARED_HELPER, agentFromTemplate, templateManifestSchema } from "../../src/core/template.js";
import { workingFormSchema } from "../../src/core/schema.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { builtinTemplateDir, findTemplate, installTemplate, loadCatalog, readTemplate, templateFiles } from "../../src/templates/catalog.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const BUILT_INS = ["code_reviewer", "content_generator", "customer_support", "data_analyst", "financial_analyst", "research_assistant", "twitter_bot"];

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isBackpackError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a BackpackError");
}

describe("built-in templates", () => {
  it("are the seven documented ones, each folder named after its manifest", () => {
    const folders = readdirSync(builtinTemplateDir()).filter((f) => !f.startsWith("_"));
    expect(folders.sort()).toEqual(BUILT_INS);
    expect(loadCatalog("/nonexistent").templates.map((t) => t.manifest.name)).toEqual(BUILT_INS);
  });

  for (const name of BUILT_INS) {
    it(`${name}: a valid manifest, an executable entry script, a README naming every credential`, () => {
      const dir = join(builtinTemplateDir(), name);
      const raw = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
      const parsed = templateManifestSchema.parse(raw);
      const template = readTemplate(dir, "built-in");
      expect(template.manifest.name).toBe(name);
      expect(parsed.credentials.length).toBeGreaterThan(0);
      expect(parsed.credentials.filter((c) => c.required).length).toBeGreaterThan(0);
      expect(statSync(join(dir, parsed.entry)).mode & 0o111).not.toBe(0);
      const readme = readFileSync(join(dir, "README.md"), "utf8");
      expect(readme).toMatch(new RegExp(`^# ${name}\\n`));
      expect(readme).toContain(`backpack template use ${name}`);
      for (const credential of parsed.credentials) expect(readme).toContain(`\`${credential.name}\``);
      const script = readFileSync(join(dir, parsed.entry), "utf8");
      for (const credential of parsed.credentials) expect(script).toContain(credential.name);
      // The agent document it gives is a valid working form.
      const doc = workingFormSchema.parse(agentFromTemplate(parsed));
      expect(doc.agent).toMatchObject({ name, template: name });
      expect(doc.memory).toEqual(parsed.memory);
      expect(templateFiles(template)[0]?.name).toBe(parsed.entry);
    });
  }
});

describe("template manifests", () => {
  const good = {
    name: "mine",
    description: "d",
    credentials: [{ name: "OPENAI_API_KEY", description: "the key" }],
    personality: { system_prompt: "p" },
    entry: "agent.py",
  };
  const problem = (manifest: unknown) => {
    const r = templateManifestSchema.safeParse(manifest);
    return r.success ? "valid" : `${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`;
  };

  it("accept a minimal manifest (memory defaults to empty, credentials to required)", () => {
    const parsed = templateManifestSchema.parse(good);
    expect(parsed.memory).toEqual({});
    expect(parsed.credentials[0]?.required).toBe(true);
  });

  it("refuse bad names, duplicate or invalid credentials, paths as entries and unknown keys", () => {
    expect(problem({ ...good, name: "My Template" })).toMatch(/^name: lower-case/);
    expect(problem({ ...good, credentials: [...good.credentials, { name: "OPENAI_API_KEY", description: "again" }] })).toBe("credentials.1.name: OPENAI_API_KEY is listed twice");
    expect(problem({ ...good, credentials: [{ name: "2FA", description: "x" }] })).toMatch(/^credentials\.0\.name: credential names/);
    expect(problem({ ...good, credentials: [{ name: "A" }] })).toMatch(/^credentials\.0\.description/);
    expect(problem({ ...good, entry: "../evil.py" })).toMatch(/^entry: a script file name/);
    expect(problem({ ...good, entry: "agent.exe" })).toMatch(/^entry:/);
    expect(problem({ ...good, personality: { tone: "x" } })).toMatch(/^personality\.system_prompt/);
    expect(problem({ ...good, extra: true })).toMatch(/Unrecognized key/);
  });
});

describe("installing a template", () => {
  let sb: Sandbox;
  let userDir: string;
  let source: string;
  beforeEach(() => {
    sb = makeSandbox();
    userDir = join(sb.home, ".config/backpack/templates");
    source = join(sb.root, "src-template");
    mkdirSync(source);
    writeFileSync(join(source, "template.json"), JSON.stringify({ name: "ops_bot", description: "Ops", credentials: [], personality: { system_prompt: "You run ops." }, entry: "bot.sh" }));
    writeFileSync(join(source, "bot.sh"), "#!/bin/sh\necho ops\n");
    chmodSync(join(source, "bot.sh"), 0o755);
    writeFileSync(join(source, "README.md"), "# ops_bot\n");
    mkdirSync(join(source, ".git"));
    writeFileSync(join(source, ".git/HEAD"), "ref: refs/heads/main\n");
  });
  afterEach(() => sb.cleanup());

  it("copies a valid folder (without .git), lists it as the user's, and replaces it only with force", () => {
    const installed = installTemplate(source, userDir);
    expect(installed.dir).toBe(join(userDir, "ops_bot"));
    expect(readdirSync(installed.dir).sort()).toEqual(["README.md", "bot.sh", "template.json"]);
    expect(statSync(join(installed.dir, "bot.sh")).mode & 0o111).not.toBe(0);
    expect(findTemplate(loadCatalog(userDir), "ops_bot").source).toBe("user");
    expect(errorOf(() => installTemplate(source, userDir))).toMatchObject({ code: "USAGE", message: expect.stringMatching(/already installed/) });
    writeFileSync(join(source, "README.md"), "# ops_bot v2\n");
    installTemplate(source, userDir, { force: true });
    expect(readFileSync(join(installed.dir, "README.md"), "utf8")).toBe("# ops_bot v2\n");
    expect(readdirSync(userDir)).toEqual(["ops_bot"]);
  });

  it("refuses an invalid folder and copies nothing", () => {
    rmSync(join(source, "README.md"));
    expect(errorOf(() => installTemplate(source, userDir))).toMatchObject({ code: "INVALID_FILE", message: expect.stringMatching(/has no README\.md/) });
    writeFileSync(join(source, "README.md"), "# x\n");
    writeFileSync(join(source, "template.json"), "{ not json");
    expect(errorOf(() => installTemplate(source, userDir)).code).toBe("INVALID_FILE");
    expect(errorOf(() => installTemplate(join(sb.root, "nowhere"), userDir)).code).toBe("NOT_FOUND");
    // Links would point outside the copy: refused, whether the entry or any other file.
    writeFileSync(join(source, "template.json"), JSON.stringify({ name: "ops_bot", description: "Ops", credentials: [], personality: { system_prompt: "p" }, entry: "bot.sh" }));
    symlinkSync("/etc/hostname", join(source, "data.txt"));
    expect(errorOf(() => installTemplate(source, userDir))).toMatchObject({ code: "USAGE", message: expect.stringMatching(/data\.txt is a symbolic link/) });
    rmSync(join(source, "bot.sh"));
    symlinkSync("/bin/true", join(source, "bot.sh"));
    expect(errorOf(() => installTemplate(source, userDir))).toMatchObject({ code: "INVALID_FILE", message: expect.stringMatching(/has no bot\.sh/) });
    expect(() => readdirSync(userDir)).toThrow();
  });

  it("keeps a built-in name for the built-in unless forced, and lists a broken user template as a problem", () => {
    const copy = join(sb.root, "my-analyst");
    cpSync(join(builtinTemplateDir(), "data_analyst"), copy, { recursive: true });
    expect(errorOf(() => installTemplate(copy, userDir, { builtinNames: BUILT_INS })).message).toMatch(/name of a built-in template/);
    installTemplate(copy, userDir, { builtinNames: BUILT_INS, force: true });
    const catalog = loadCatalog(userDir);
    expect(catalog.shadowed).toEqual(["data_analyst"]);
    expect(findTemplate(catalog, "data_analyst").source).toBe("user");
    mkdirSync(join(userDir, "broken"));
    writeFileSync(join(userDir, "broken/template.json"), "{}");
    expect(loadCatalog(userDir).problems).toEqual([{ dir: join(userDir, "broken"), message: expect.stringMatching(/template\.json: name/) }]);
  });

  it("gives a Python script the shared helper it imports, unless the template ships its own copy", () => {
    const shared = readFileSync(join(builtinTemplateDir(), "_shared", SHARED_HELPER));
    const names = (dir: string) => templateFiles(readTemplate(dir, "user")).map((f) => f.name);
    const helperOf = (dir: string) => templateFiles(readTemplate(dir, "user")).find((f) => f.name === SHARED_HELPER)?.content;
    // A copy of a built-in (which holds no helper of its own) is installed as it is, and gets the shared one when used.
    const copy = join(sb.root, "analyst-copy");
    cpSync(join(builtinTemplateDir(), "data_analyst"), copy, { recursive: true });
    writeFileSync(join(copy, "template.json"), JSON.stringify({ ...JSON.parse(readFileSync(join(copy, "template.json"), "utf8")), name: "my_analyst" }));
    const installed = installTemplate(copy, userDir);
    expect(readdirSync(installed.dir)).not.toContain(SHARED_HELPER);
    expect(names(installed.dir)).toEqual(["agent.py", SHARED_HELPER, "README.md", "sample.csv"]);
    expect(helperOf(installed.dir)).toEqual(shared);
    // A template with its own copy keeps it: install takes it along and use writes it, not the shared one.
    writeFileSync(join(copy, SHARED_HELPER), "# my helpers\n");
    installTemplate(copy, userDir, { force: true });
    expect(readFileSync(join(installed.dir, SHARED_HELPER), "utf8")).toBe("# my helpers\n");
    expect(helperOf(installed.dir)?.toString()).toBe("# my helpers\n");
    // A script that does not import it gets no helper: a shell entry, or Python without the import.
    expect(names(source)).toEqual(["bot.sh", "README.md"]);
    writeFileSync(join(source, "template.json"), JSON.stringify({ name: "ops_bot", description: "Ops", credentials: [], personality: { system_prompt: "p" }, entry: "bot.py" }));
    writeFileSync(join(source, "bot.py"), "import json  # backpack_agent is not used here\nprint('ops')\n");
    expect(names(source)).toEqual(["bot.py", "bot.sh", "README.md"]);
    writeFileSync(join(source, "bot.py"), "import json\nimport backpack_agent\n");
    expect(names(source)).toEqual(["bot.py", "backpack_agent.py", "bot.sh", "README.md"]);
  });
});
