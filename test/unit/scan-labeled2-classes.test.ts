import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes the second labeled corpus's development half showed (docs/scan.md "A second labeled
// corpus, written blind"), each with what must still be found beside what must pass.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `labeled2-classes:${path}:${template}`) }).map((f) => f.rule);

describe("second labeled corpus's classes", () => {
  it("passes Mapbox's public token (pk.) and still finds its secret one (sk.)", () => {
    expect(rulesAt("src/map.js", "mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZSIsImEiOiJ«A20»In0.«u22»';")).toEqual([]);
    expect(rulesAt("src/map.ts", 'const mapboxToken = "pk.eyJ1Ijoi«A30»In0.«u22»";')).toEqual([]);
    expect(rulesAt("src/map.js", "mapboxgl.accessToken = 'sk.eyJ1IjoiYWNtZSIsImEiOiJ«A60»In0.«u22»';")).not.toEqual([]);
    expect(rulesAt("src/map.js", "const accessToken = 'pk.«A40»';")).not.toEqual([]);
  });

  it("passes a search-only key (Algolia, Typesense) and a browser-public vendor name, and still finds the admin key", () => {
    expect(rulesAt(".env", "VITE_ALGOLIA_SEARCH_KEY=«h32»\n")).toEqual([]);
    expect(rulesAt(".env", "ALGOLIA_SEARCH_ONLY_API_KEY=«h32»\n")).toEqual([]);
    expect(rulesAt(".env", "TYPESENSE_SEARCH_ONLY_API_KEY=«A32»\n")).toEqual([]);
    expect(rulesAt(".env", "NEXT_PUBLIC_ALGOLIA_SEARCH_KEY=«h32»\n")).toEqual([]);
    expect(rulesAt("src/search.ts", 'const algoliaSearchKey = "«h32»";')).toEqual([]);
    expect(rulesAt(".env", "ALGOLIA_ADMIN_KEY=«h32»\n")).not.toEqual([]);
    expect(rulesAt("src/search.ts", 'const algoliaAdminKey = "«h32»";')).not.toEqual([]);
    expect(rulesAt(".env", "BRAVE_SEARCH_API_KEY=«A32»\n")).not.toEqual([]);
    expect(rulesAt("config.yml", 'NEXT_PUBLIC_CLOUDFLARE_SECRET: "«h37»"')).not.toEqual([]);
    // A vendor's API key under a PUBLIC_ name is still its key (review8).
    expect(rulesAt(".env", "PUBLIC_DATADOG_API_KEY=«h32»\n")).not.toEqual([]);
    expect(rulesAt("config.yml", 'NEXT_PUBLIC_DATADOG_API_KEY: "«h32»"')).not.toEqual([]);
  });

  it("passes a stock password in a test's file, as in a README, and still finds it in code and a random one in a test", () => {
    expect(rulesAt("tests/e2e/login.spec.ts", '  await page.fill("#password", "Password123!");')).toEqual([]);
    expect(rulesAt("src/__tests__/auth.test.ts", 'const password = "P@ssw0rd1";')).toEqual([]);
    expect(rulesAt("internal/auth/auth_test.go", 'password := "Welcome123!"')).toEqual([]);
    expect(rulesAt("src/login.ts", '  await page.fill("#password", "Password123!");')).not.toEqual([]);
    expect(rulesAt("tests/e2e/login.spec.ts", '  await page.fill("#password", "Xk7«A8»9!");')).not.toEqual([]);
    expect(rulesAt("src/testing/config.py", 'DB_PASSWORD = "Password123!"')).not.toEqual([]);
  });

  it("passes NIST SP 800-38A's published AES test keys, and still finds a random key in their place", () => {
    expect(rulesAt("src/crypto.ts", '// AES-256 test vector\nexport const KEY = "«doc:nist-sp800-38a-aes256-key»";')).toEqual([]);
    expect(rulesAt("src/aes.py", 'AES_KEY = "«doc:nist-sp800-38a-aes128-key»"')).toEqual([]);
    expect(rulesAt("src/aes.go", 'var encryptionKey = "«doc:nist-sp800-38a-aes192-key»"')).toEqual([]);
    expect(rulesAt("src/crypto.ts", 'export const KEY = "«h64»";')).not.toEqual([]);
    expect(rulesAt("src/aes.py", 'AES_KEY = "«h32»"')).not.toEqual([]);
  });

  it("passes a header's name under a .env name ending in _HEADER, and still finds a header's value there", () => {
    expect(rulesAt(".env", "WEBHOOK_SECRET_HEADER=X-Hub-Signature-256\n")).toEqual([]);
    expect(rulesAt(".env", "API_TOKEN_HEADER_NAME=X-Api-Token\n")).toEqual([]);
    expect(rulesAt(".env", "AUTH_TOKEN_HEADER=Bearer «A40»\n")).not.toEqual([]);
    expect(rulesAt(".env", "SECRET_HEADER=«A32»\n")).not.toEqual([]);
    expect(rulesAt(".env", "WEBHOOK_SECRET=X-Hub-Signature-256\n")).not.toEqual([]);
    expect(rulesAt(".env", "GITHUB_WEBHOOK_SECRET_HEADER=x-hub-signature-256\n")).toEqual([]);
    // A random value with hyphens, or a passphrase, under a _HEADER name is the value (review8).
    expect(rulesAt(".env", "API_KEY_HEADER=Kq«A10»7-Zx«A10»3\n")).not.toEqual([]);
    expect(rulesAt(".env", "SECRET_HEADER=correct-horse-battery-staple\n")).not.toEqual([]);
  });
});
