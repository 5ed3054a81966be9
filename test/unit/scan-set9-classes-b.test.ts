import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 9 showed once its languages half was development (docs/scan.md "Set 9 as development:
// languages"), in the files they come in and in other languages' files of the same shape (the stand-in for the next
// set's placements), beside the rules' own examples (scanned as example.txt).

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set9-classes-b:${path}:${template}`) }).map((f) => f.rule);

describe("set 9's classes (languages)", () => {
  it("reads a name and a literal joined by a language's own syntax, not by an assignment operator", () => {
    // Haskell's setEnv, and the same shape in Lisp, Tcl and Elisp.
    expect(rulesAt("test/Spec.hs", 'main = do\n  setEnv "OPENAI_API_KEY" "«A40»"\n')).toEqual(["name-near-literal"]);
    expect(rulesAt("src/init.el", '(setenv "GITHUB_TOKEN" "«A40»")\n')).toEqual(["name-near-literal"]);
    expect(rulesAt("src/core.clj", '(System/setProperty "db.password" "Kq«A10»7")\n')).toEqual(["name-near-literal"]);
    // Erlang's and Elixir's macros and a C-like call with a constant's name.
    expect(rulesAt("include/agent.hrl", '-define(STRIPE_SECRET_KEY, "«A40»").\n')).toEqual(["name-near-literal"]);
    // nginx's directive with a name, and Apache's SetEnv of the same shape.
    expect(rulesAt("nginx/site.conf", 'location / {\n    fastcgi_param DB_PASSWORD "Kq«A10»7";\n}\n')).toEqual(["name-near-literal"]);
    // (Apache's SetEnv has a rule of its own, which reads it first.)
    expect(rulesAt("apache/site.conf", '<VirtualHost *:80>\n    SetEnv API_TOKEN "«A40»"\n</VirtualHost>\n')).toEqual(["shell-set-secret"]);
    // Jsonnet's hidden and forced fields; Swift's computed properties, one line or three, and Kotlin's with return.
    expect(rulesAt("config/agent.libsonnet", "{\n  _config+:: {\n    clientSecret:: '«A40»',\n  },\n}\n")).toEqual(["name-near-literal"]);
    expect(rulesAt("Sources/Agent/Keys.swift", 'enum Keys {\n    static var apiToken: String {\n        "«A32»"\n    }\n}\n')).toEqual(["name-near-literal"]);
    expect(rulesAt("Sources/Agent/Keys.swift", 'struct Keys {\n    var clientSecret: String { return "«A40»" }\n}\n')).toEqual(["name-near-literal"]);
    // Names that say another thing, placeholders, references, a variable compared with a literal, prose.
    expect(rulesAt("test/Spec.hs", 'main = setEnv "CACHE_KEY" "«A32»"\n')).toEqual([]);
    expect(rulesAt("include/agent.hrl", '-define(API_KEY, "YOUR_API_KEY_HERE").\n')).toEqual([]);
    expect(rulesAt("nginx/site.conf", "fastcgi_param API_TOKEN \"$http_x_api_token\";\n")).toEqual([]);
    expect(rulesAt("src/check.erl", 'check(Token) -> compare(token, "«A32»").\n')).toEqual([]);
    expect(rulesAt("config/agent.libsonnet", "{\n  publicKey:: '«A40»',\n  tokenUrl:: 'https://auth.example.com/oauth/token',\n}\n")).toEqual([]);
    expect(rulesAt("Sources/Agent/Keys.swift", 'enum Keys {\n    static var tokenUrl: String {\n        "https://auth.example.com/oauth/token"\n    }\n}\n')).toEqual([]);
  });

  it("reads a neutral value slot under a record named for a secret a line or three above", () => {
    expect(rulesAt("lib/config-stack.ts", 'new ssm.StringParameter(this, "StripeKey", {\n  parameterName: "/agent/stripe-secret-key",\n  stringValue: "«A40»",\n});\n')).toEqual(["name-above-value-slot"]);
    expect(rulesAt("infra/ssm.tf", 'resource "aws_ssm_parameter" "db" {\n  name  = "/app/prod/db_password"\n  type  = "SecureString"\n  value = "Kq«A10»7"\n}\n')).toEqual(["name-above-value-slot"]);
    expect(rulesAt("infra/__main__.py", 'aws.ssm.Parameter(\n    "api-token",\n    type="SecureString",\n    value="«A40»",\n)\n')).toEqual(["name-above-value-slot"]);
    expect(rulesAt("lib/config-stack.ts", 'new ssm.StringParameter(this, "Endpoint", {\n  parameterName: "/agent/token-url",\n  stringValue: "https://auth.example.com/oauth/token",\n});\n')).toEqual([]);
    expect(rulesAt("infra/ssm.tf", 'resource "aws_ssm_parameter" "db" {\n  name  = "/app/prod/cache_key"\n  value = "«A32»"\n}\n')).toEqual([]);
    expect(rulesAt("infra/ssm.tf", 'resource "aws_ssm_parameter" "db" {\n  name  = "/app/prod/db_password"\n  value = var.db_password\n}\n')).toEqual([]);
  });

  it("reads a .nix file's indented strings as text (a shellHook's export, a writeText's config)", () => {
    expect(rulesAt("shell.nix", "pkgs.mkShell {\n  shellHook = ''\n    export OPENAI_API_KEY=«A40»\n  '';\n}\n")).toEqual(["generic-secret"]);
    expect(rulesAt("flake.nix", "pkgs.writeText \"agent.ini\" ''\n  [agent]\n  db_password = Kq«A10»7\n''\n")).toEqual(["generic-secret"]);
    expect(rulesAt("shell.nix", "pkgs.mkShell {\n  shellHook = ''\n    export OPENAI_API_KEY=''${OPENAI_API_KEY:-}\n    export CACHE_KEY=«A32»\n  '';\n}\n")).toEqual([]);
    // Outside a .nix file `''` is an empty string: the lines between two are code.
    expect(rulesAt("src/app.py", "name = ''\napi_key = load_key()\ntoken = make_token_from_parts_and_salt\nlabel = ''\n")).toEqual([]);
  });

  it("reads poetry's http-basic password, a fixed slot", () => {
    expect(rulesAt("scripts/ci-auth.sh", "poetry config http-basic.internal ci Kq«A10»7!\n")).toEqual(["poetry-http-basic-password"]);
    expect(rulesAt(".gitlab-ci.yml", "script:\n  - poetry config http-basic.gitlab deploy-bot '«A20»'\n")).toEqual(["poetry-http-basic-password"]);
    expect(rulesAt("scripts/ci-auth.sh", 'poetry config http-basic.internal ci "$PYPI_PASSWORD"\n')).toEqual([]);
    expect(rulesAt("scripts/ci-auth.sh", "poetry config http-basic.internal ci changeme\n")).toEqual([]);
  });

  it("reads the name a secret-marking wrapper's result is assigned to (pulumi.secret)", () => {
    expect(rulesAt("infra/index.ts", 'const dbPassword = pulumi.secret("Kq«A10»7");\n')).toEqual(["setter-secret-call"]);
    expect(rulesAt("infra/index.ts", 'const webhook = pulumi.secret("«A40»");\n')).toEqual(["setter-secret-call"]);
    expect(rulesAt("infra/__main__.py", 'api_token = pulumi.Output.secret("«A40»")\n')).toEqual(["setter-secret-call"]);
    // The assigned name says another thing: a public key, a key's id, a length, a CSRF token.
    expect(rulesAt("infra/index.ts", 'const publicKey = pulumi.secret("«A40»");\n')).toEqual([]);
    expect(rulesAt("infra/index.ts", 'const kmsKeyId = pulumi.secret("«A32»");\n')).toEqual([]);
    expect(rulesAt("infra/__main__.py", 'csrf_token = pulumi.Output.secret("«A40»")\n')).toEqual([]);
  });
});
