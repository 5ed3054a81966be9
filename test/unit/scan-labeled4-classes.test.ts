import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The false alarms of the fourth labeled corpus's development half (docs/scan.md "The fourth labeled corpus's
// development half, spent"), by class, each with the secrets of the same shape that must still be found.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `labeled4-classes:${path}:${template}`) }).map((f) => f.rule);

describe("the fourth labeled corpus's classes", () => {
  it("reads a placeholder in angle brackets as the value, not as an element whose text is the next pair on the line", () => {
    expect(rulesAt("logs/boot.log", "2026-11-09T10:00:01Z DEBUG config loaded TAVILY_API_KEY=<ACCESS_TOKEN> region=eu-west-1\n")).toEqual([]);
    expect(rulesAt("logs/boot.log", "loaded <api_token> zone_id=«A24»\n")).toEqual([]);
    // An element's text is one still, on its line or the next, and a real pair after a placeholder is its own finding.
    expect(rulesAt("config/app.xml", "<settings>\n  <password>Kq«A12»7</password>\n</settings>\n")).toEqual(["generic-secret"]);
    expect(rulesAt("logs/boot.log", "loaded TAVILY_API_KEY=<ACCESS_TOKEN> api_secret=«A32»\n")).toEqual(["generic-secret"]);
  });

  it("passes a digest or a ciphertext under a name that says so, and a cloud KMS's ciphertext blob under any name", () => {
    // detect-secrets' baseline, a name that says encrypted, AWS KMS's and Google Cloud KMS's blobs.
    expect(rulesAt(".secrets.baseline", '{\n  "results": {\n    "config.json": [{ "type": "Secret Keyword", "hashed_secret": "«h40»", "line_number": 4 }]\n  }\n}\n')).toEqual([]);
    expect(rulesAt("config/app.yaml", "encrypted_api_key: «A40»\nENCRYPTED_DB_PASSWORD: Kq«A12»7\n")).toEqual([]);
    expect(rulesAt("src/config.ts", 'export const encryptedToken = "«A40»";\n')).toEqual([]);
    expect(rulesAt("config/kms.yaml", "api_key: AQICAHh«b200»==\n")).toEqual([]);
    expect(rulesAt("cloudbuild.yaml", "secrets:\n- kmsKeyName: projects/p/locations/global/keyRings/r/cryptoKeys/k\n  secretEnv:\n    API_TOKEN: CiQA«b120»\n")).toEqual([]);
    // The same names with another word, and the same values' look without the blob's header: secrets.
    expect(rulesAt("config/app.yaml", "unencrypted_api_key: «A40»\nencryption_key: «A40»\n")).toEqual(["generic-secret", "generic-secret"]);
    expect(rulesAt("config/kms.yaml", "api_key: «A40»\n")).toEqual(["generic-secret"]);
    expect(rulesAt(".secrets.baseline", '{ "results": { "config.json": [{ "secret": "«A40»" }] } }\n')).toEqual(["generic-secret"]);
  });
});
