import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes the thirteenth round read in trufflehog's detector tests (docs/scan.md), each in the
// file type it was met in, with the look-alike beside it. The rules' own examples (scan-rules.test.ts)
// hold the near-misses of the vendors' formats; these are the cases a file's type decides.

const rulesOf = (path: string, template: string) => scanText({ path, text: expandFake(template, path) }).map((f) => f.rule);

describe("a value pasted without its quotes in source code", () => {
  it("is a secret when no identifier is spelt so: a long run of letters and digits mixed at random", () => {
    expect(rulesOf("config.go", "package config\n\nfunc main() {\n\tsentry_token := «h64»\n}\n")).toContain("generic-secret");
    expect(rulesOf("settings.py", "API_TOKEN = «A40»\n")).toContain("generic-secret");
  });

  it("is an expression when it is a name, a call or a field (words, or too few digits)", () => {
    expect(rulesOf("config.go", "package config\n\nfunc main() {\n\ttoken := getTokenFromEnvironment(ctx)\n\tapiKey := cfg.ClientAPIKeyForBillingService\n\tsecret := defaultSigningSecretForTests\n}\n")).toEqual([]);
    expect(rulesOf("auth.ts", "const token = accessTokenFromTheSessionCookie;\nconst apiKey = process.env.API_KEY;\n")).toEqual([]);
  });
});

describe("a vendor's name of two words in camelCase (Go, JavaScript)", () => {
  it("names the value assigned to it", () => {
    expect(rulesOf("client.go", 'package client\n\nfunc main() {\n\tmixPanel := "«A32»"\n}\n')).toContain("vendor-named-secret");
  });

  it("is no vendor's name inside a longer word or beside an address's", () => {
    expect(rulesOf("client.go", 'package client\n\nfunc main() {\n\tsumObj := "«A32»"\n\tmixPanelURL := "«A32»"\n}\n')).toEqual([]);
  });
});

describe("a quoted value padded with a blank", () => {
  it("is read without its blanks", () => {
    expect(rulesOf("NOTES.md", "# Notes\n\npandascore token = ' «A40» '\n")).toContain("generic-secret");
  });

  it("still needs a value: words after a blank are prose", () => {
    // The first word is long enough to be read as a padded value (8 characters and more): prose, not a key.
    expect(rulesOf("NOTES.md", "# Notes\n\nthe token = ' rotating monthly: see the vault entry for billing '\n")).toEqual([]);
  });
});

describe("a host's name under a secret's name", () => {
  it("is where the secret is used, not the secret", () => {
    expect(rulesOf("config.yaml", "auth:\n  client_secret: tenant-4821.hooks.acmecloud.io\n")).toEqual([]);
    expect(rulesOf("config.yaml", "auth:\n  client_secret: «A32»\n")).toContain("generic-secret");
  });
});

describe("a logged key", () => {
  it("glued to a symbol no key's alphabet has is a mangled sample", () => {
    expect(rulesOf("app.log", "[DEBUG] Using Key=«A21»#«A12»\n[DEBUG] Using Key=«A20»[]«A12»\n")).toEqual([]);
  });

  it("ended by what closes or separates a log's value (a bracket, a pipe, an ampersand, a percent escape) is found", () => {
    const log = "[auth using key=«A32»]\nuser=bob|using key=«A32»|status=ok\nINFO connecting with key=«A40»%3D%3D\n{using key=«A32»}\nGET /v1 with key=«A32»&page=2\n";
    expect(scanText({ path: "app.log", text: expandFake(log, "app.log") }).map((f) => [f.line, f.rule])).toEqual([1, 2, 3, 4, 5].map((n) => [n, "logged-key"]));
  });

  it("longer than 200 characters (an OAuth token with a JWT in it) is found whole", () => {
    expect(rulesOf("app.log", "[DEBUG] Using Key=«A17».v1.«A300»\n")).toContain("logged-key");
  });
});

describe("URLs and lines that only look like a credential's", () => {
  it("a broker URL whose @ is followed by a query has no host", () => {
    expect(rulesOf("settings.py", "BROKER = 'amqps://svc:Kq«A12»@?abbitmq-host.internal:5672/vhost'\n")).toEqual([]);
    expect(rulesOf("settings.py", "BROKER = 'amqps://svc:Kq«A12»@rabbitmq.internal:5672/vhost'\n")).toContain("database-url");
  });

  it("a URL whose host comes after it (appended by the program, or left out before a port) still holds its password", () => {
    expect(rulesOf("db.js", 'const uri = "mongodb+srv://app:Kq«A12»@" + process.env.MONGO_HOST + "/billing";\n')).toContain("database-url");
    expect(rulesOf("settings.py", "PG_URL = 'postgresql://app:Kq«A12»@:5433/billing'\n")).toContain("database-url");
  });

  it("a query string of times is no .pgpass line", () => {
    expect(rulesOf("deploy.env", "BLOB_SAS=st=2025-03-04T07:24:52Z&se=2025-04-04T15:24:52Z&spr=https&sv=2022-11-02&sr=c\n")).toEqual([]);
    expect(rulesOf(".pgpass", "db.internal:5432:billing:app:Kq«A10»7\n")).toContain("pgpass-password");
  });
});

describe("a vendor's prefix with a shape the vendor does not use", () => {
  it("under a secret's name is that vendor's rule's call, not the generic rule's", () => {
    expect(rulesOf("config.yaml", "monitoring:\n  api_key: NRAK-«U26»\n")).toEqual([]);
    expect(rulesOf("config.yaml", "monitoring:\n  api_key: NRAK-«U27»\n")).toContain("new-relic-key");
  });
});

describe("New Relic's Insights keys", () => {
  it("hold `_` in their 25 characters and more (trufflehog's and gitleaks' lengths)", () => {
    expect(rulesOf("NOTES.md", "# Notes\n\nNRII-«A10»_«A14»\n")).toContain("new-relic-key");
    expect(rulesOf("NOTES.md", "# Notes\n\nNRIQ-«A8»_«A8»-«A15»\n")).toContain("new-relic-key");
  });
});
