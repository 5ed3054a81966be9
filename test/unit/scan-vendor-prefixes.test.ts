import { describe, expect, it } from "vitest";
import { RULES } from "../../src/scan/rules.js";
import { scanText } from "../../src/scan/scanner.js";
import { VENDOR_NAME_RULES, VENDOR_RULES, VENDOR_TOKENS } from "../../src/scan/vendor-prefixes.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The vendors backpack covers without claiming (src/scan/vendor-prefixes.ts). Every rule's own
// examples run in test/unit/scan-rules.test.ts and its linear time in scan-linear.test.ts; this
// file checks the table's shape and each family's token in the places a token sits.

const rulesOf = (path: string, template: string, seed = "vendor") => scanText({ path, text: expandFake(template, seed) }).map((f) => f.rule);

describe("the vendor table", () => {
  it("has one rule per entry, with ids no other rule uses, registered in the rules table", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of [...VENDOR_RULES, ...VENDOR_NAME_RULES]) expect(ids).toContain(rule.id);
    expect(VENDOR_RULES.length).toBeGreaterThan(VENDOR_TOKENS.length);
  });

  it("bounds every quantifier of a token (no *, +, or {n,} outside a character class)", () => {
    for (const t of VENDOR_TOKENS) {
      const outsideClasses = t.token.replace(/\\./g, "x").replace(/\[[^\]]*\]/g, "x");
      expect(outsideClasses, t.id).not.toMatch(/[*+]|\{\d+,\}/);
    }
  });

  it("gives each entry lowercase keywords its examples contain (the prefilter never hides a token)", () => {
    for (const t of VENDOR_TOKENS) {
      for (const k of t.keywords) expect(k, t.id).toBe(k.toLowerCase());
      for (const e of t.examples) {
        const text = expandFake(e, `keywords:${t.id}`).toLowerCase();
        expect(t.keywords.some((k) => text.includes(k)), `${t.id}: ${e}`).toBe(true);
      }
      expect(t.examples.length, t.id).toBeGreaterThan(0);
      expect(t.negatives.length, t.id).toBeGreaterThan(0);
    }
  });

  for (const t of VENDOR_TOKENS) {
    describe(t.id, () => {
      it("finds its token bare in prose, in a YAML value and in a JSON string", () => {
        for (const e of t.examples) {
          expect(rulesOf("NOTES.md", `# Setup\n\nUse ${e} for the staging account.\n`), e).toContain(t.id);
          expect(rulesOf("ci.yml", `env:\n  SERVICE_CREDENTIAL: ${e}\n`), e).toContain(t.id);
          expect(rulesOf("config.json", `{ "service": { "credential": "${e}" } }\n`), e).toContain(t.id);
        }
      });

      it("passes its look-alikes, and its token glued to a word before it", () => {
        for (const n of t.negatives) expect(rulesOf("NOTES.md", `${n}\n`), n).not.toContain(t.id);
        // (A token read after a header word, `SSWS 00…`, has its word glued instead.)
        if (!t.token.startsWith("(?<=")) for (const e of t.examples) expect(rulesOf("NOTES.md", `x${e}\n`), e).not.toContain(t.id);
      });
    });
  }
});

describe("vendor-named-secret", () => {
  const cases: Array<[path: string, template: string, found: boolean]> = [
    ["config.yaml", 'cloudflare: "«h37»"\n', true],
    ["config.yaml", "sumo_token: su«A12»\n", true],
    ["settings.py", 'sumologic_access_id = "«A14»"\n', true],
    ["client.ts", 'const jfrogToken = login("artifactory", "«a64»");\n', true],
    ["Deploy.java", 'String myCloudflare = "«A40»";\n', true],
    // A name of trufflehog's detectors (API_WORDS) reads as a vendor's (issue #15, sixth round), and 12 characters do.
    ["config.yaml", 'clockify: "«a32»"\n', true],
    ["settings.py", 'PANDADOC = "«h40»"\n', true],
    ["config.yaml", "hetzner: «A64»\n", true],
    ["config.yaml", 'mailjet_key: "«a7»4«A4»"\n', true],
    ["config.yaml", 'clockify_url: "https://api.clockify.me/api/v1"\n', false],
    ["config.yaml", 'clockify: "weekly-time-report"\n', false],
    ["config.yaml", 'mailjet_key: "«l12»"\n', false],
    // The vendor's word inside another word, a camelCase word that only starts like one.
    ["config.yaml", 'scumbagcloudflare: "«h37»"\n', false],
    ["Stats.m", "sumObj = «A14»;\n", false],
    // Addresses, identifiers and names under a vendor's name; an expression in code.
    ["config.yaml", 'sentry_dsn: "https://«h32»@o1.ingest.sentry.io/1"\n', false],
    ["config.yaml", "okta_domain: dev-«d6».okta.com\n", false],
    ["config.yaml", 'facebook_app_id: "«d16»"\n', false],
    ["settings.py", 'HEROKU_APP_NAME = "billing-api-prod"\n', false],
    ["client.ts", "const cloudflare = createClient(«A20»);\n", false],
    ["config.yaml", 'newrelic_license: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n', false],
    // Seventh round: AI, vector-database, hosting and auth services and more of trufflehog's detectors by name;
    // a hex key or a UUID judged as hex (32 random hex digits fell under the token floor by chance).
    ["config.yaml", 'voyageai: "«A32»"\n', true],
    ["settings.py", 'WEAVIATE = "«A40»"\n', true],
    ["config.yaml", "qdrant:\n  key: «A40»\n", true],
    ["NOTES.md", "helicone key - «a32»\n", true],
    ["config.yaml", "abstract: «h32»\n", true],
    ["config.yaml", "kanbantool: «h8»-«h4»-«h4»-«h4»-«h12»\n", true],
    ["config.yaml", 'abstract: "A summary of the paper in two lines"\n', false],
    ["config.yaml", 'weaviate_url: "https://«a10».weaviate.network"\n', false],
    ["config.yaml", 'snowflake_account: "«a7»-«a7»"\n', false],
    ["config.yaml", "abstract: «l16»\n", false],
  ];
  for (const [path, template, found] of cases) {
    it(`${found ? "finds" : "passes"} ${template.trim()} in ${path}`, () => {
      const rules = rulesOf(path, template);
      if (found) expect(rules.length, template).toBeGreaterThan(0);
      else expect(rules).toEqual([]);
    });
  }
});

describe("lone-key-token and secret-name-phrase", () => {
  it("finds a generated token under a bare key, and a secret after its name and a phrase", () => {
    expect(rulesOf("data.json", '{"key": "«A30»"}\n')).toContain("lone-key-token");
    expect(rulesOf("app.ini", "[auth]\nkey=«A32»\n")).toContain("lone-key-token");
    expect(rulesOf("notes.txt", "api token for staging: «A32»\n")).toContain("secret-name-phrase");
  });

  it("passes a map's key, a name/value pair's name, a key in prose, and a phrase without a value", () => {
    expect(rulesOf("data.json", '{"key": "settings.profile.title"}\n')).toEqual([]);
    expect(rulesOf("data.json", '{ "key": "«A32»", "value": "enabled" }\n')).toEqual([]);
    expect(rulesOf("data.json", '{"key": "«a32»"}\n')).toEqual([]);
    expect(rulesOf("app.ts", 'throw new Error("Duplicate key: «A32»");\n')).toEqual([]);
    expect(rulesOf("notes.txt", "api token for staging: ask the on-call engineer\n")).toEqual([]);
  });
});

describe("long-token-assignment", () => {
  it("finds a token longer than the generic rule reads under a secret's name", () => {
    expect(rulesOf("settings.py", 'FORMIO_SECRET = "eyJh«A32».«A243».«A30»"\n')).toContain("long-token-assignment");
    expect(rulesOf("web.config", '<add key="x" />\n<appSettings viewneoToken="«A116».«A146».«A50»" />\n')).toContain("long-token-assignment");
    expect(rulesOf(".env", "LENDFLOW_TOKEN=«A32».«A231».«A28»\n")).toContain("long-token-assignment");
  });

  it("passes a certificate or public key in base64, a public token's name and an expression in code", () => {
    expect(rulesOf("settings.py", 'public_key = "MII«b300»"\n')).toEqual([]);
    expect(rulesOf("settings.py", 'PAGE_TOKEN = "«A250»"\n')).toEqual([]);
    expect(rulesOf("client.ts", "const token = «A250»;\n")).toEqual([]);
  });
});

describe("vendor-word-token", () => {
  it("finds a token right after a vendor's name in a log, a note or a config that is not code", () => {
    expect(rulesOf("notes.md", "mixpanel «A32» for the staging project\n")).toContain("vendor-word-token");
    expect(rulesOf("app.log", "[DEBUG] liveagent '«A32»' 'https://acme.ladesk.com'\n")).toContain("vendor-word-token");
    expect(rulesOf("config.yaml", "keys:\n  - metabase '«A36»'\n")).toContain("vendor-word-token");
    expect(rulesOf("NOTES.md", "ipinfo token = '«h14»'\n")).toContain("vendor-word-token");
  });

  it("passes it in source code, after a word that only ends in a vendor's name, and references", () => {
    expect(rulesOf("client.go", 'package x\n\nvar c = mixpanel "«A32»"\n')).toEqual([]);
    expect(rulesOf("notes.py", "# ipinfo token = '«h14»'\n")).toEqual([]);
    expect(rulesOf("notes.md", "supermixpanel «A32»\n")).toEqual([]);
    expect(rulesOf("CHANGELOG.md", "- mixpanel «h40»: bump the client\n")).toEqual([]);
    expect(rulesOf("notes.md", "mixpanel ${MIXPANEL_TOKEN}\n")).toEqual([]);
  });
});
