import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { isKubeSecretFile, kubeSecretValues } from "../../src/scan/kube-secret.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

/** The rules a scan of `template` (expanded) in `path` reports, by line. */
function found(path: string, template: string): string[] {
  return scanText({ path, text: expandFake(template, path) }).map((f) => `${f.line} ${f.rule}`);
}

describe("a Kubernetes Secret's data (kubernetes-secret-data)", () => {
  it("finds each value of data: and stringData:, whatever its key is named", () => {
    // Base64 of a password (`«kubepw»`), of random bytes, a block scalar, and a plain value under stringData:.
    const manifest = [
      "apiVersion: v1",
      "data:",
      "  # base64 encoded password",
      "  extra: «kubepw»",
      "  key: «b24»",
      "  .dockercfg: >",
      "    «b76»",
      "stringData:",
      "  api: «A20»",
      "kind: Secret",
      "metadata:",
      "  name: app",
    ].join("\n");
    expect(found("deploy/secret.yaml", manifest)).toEqual(["4 kubernetes-secret-data", "5 kubernetes-secret-data", "7 kubernetes-secret-data", "9 kubernetes-secret-data"]);
    // The name to suggest is the entry's key, never a part of the value.
    const names = scanText({ path: "secret.yml", text: expandFake("kind: 'Secret'\ndata:\n  extra: '«kubepw»'\n", "n") }).map((f) => f.name);
    expect(names).toEqual(["EXTRA"]);
  });

  it("passes names that are no credential, illustrations, references, and other kinds", () => {
    const manifest = [
      "kind: Secret",
      "data:",
      "  username: YWRtaW4=", // admin
      "  password: cGFzc3dvcmQ=", // password
      "  host: «b24»",
      "  tls.crt: «b64»",
      '  bearerToken: "eyJ«A30»"', // not base64: Kubernetes rejects it
      '  empty: ""',
      "stringData:",
      '  token: "{{ .Values.token }}"',
      '  proxy-url: "http://proxyuser:proxypass@proxy.example.com:3128"',
      "  note: changeme",
    ].join("\n");
    // (A token under a secret's name is the generic rules' to judge: only this rule's verdicts are read here.)
    expect(found("secret.yaml", manifest).filter((f) => f.endsWith("kubernetes-secret-data"))).toEqual([]);
    expect(found("configmap.yaml", "kind: ConfigMap\ndata:\n  extra: «kubepw»\n")).toEqual([]);
    // A key's text encoded once more (a Ceph key as `ceph auth get-key` prints it, in base64): a file's
    // text, which the other rules judge by what it holds; a name and a count (`sCaleio123`).
    const keyText = Buffer.from(expandFake("«b40»", "ceph"), "latin1").toString("base64");
    expect(found("ceph.yaml", `kind: Secret\ndata:\n  key: ${keyText}\n  password: ${Buffer.from("sCaleio123").toString("base64")}\nstringData:\n  key: ${keyText}\n`)).toEqual([]);
    // A file's text under stringData (a Helm chart's test values: a prometheus.yml in a Secret) is judged
    // by the other rules, as in any file; a password in a block of one line is still a password.
    const config = ["kind: Secret", "stringData:", "  prometheus.yml: |", "    global:", "      evaluation_interval: 1m", "    scrape_configs:", "      - job_name: prometheus"].join("\n");
    expect(found("ci/config-secret-values.yaml", config)).toEqual([]);
    expect(kubeSecretValues(expandFake("kind: Secret\nstringData:\n  password: |\n    «A20»\n", "block")).map((v) => v.name)).toEqual(["password"]);
    // Another document of the file is a Secret: only its own data counts.
    expect(found("all.yaml", "kind: ConfigMap\ndata:\n  extra: «kubepw»\n---\nkind: Secret\ndata:\n  extra: «kubepw»\n")).toEqual(["7 kubernetes-secret-data"]);
    // Not YAML, or no kind: Secret: not read.
    expect(isKubeSecretFile("secret.json", "kind: Secret")).toBe(false);
    expect(isKubeSecretFile("values.yaml", "data:\n  extra: x")).toBe(false);
  });

  it("reads a manifest in one pass: the values found grow with the text, not faster", () => {
    // Many Secrets, each with many entries: the count found is what is there (no value read twice).
    const one = expandFake("kind: Secret\ndata:\n" + Array.from({ length: 50 }, (_, i) => `  k${i}: «b24»`).join("\n") + "\n---\n", "many");
    const perSecret = kubeSecretValues(one).length;
    expect(perSecret).toBeGreaterThanOrEqual(45);
    expect(kubeSecretValues(one.repeat(40))).toHaveLength(40 * perSecret);
  });
});
