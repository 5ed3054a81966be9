import { describe, expect, it } from "vitest";
import { scanText } from "../../src/scan/scanner.js";
import { embeddedTextSpans } from "../../src/scan/embedded-text.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

// The classes context-shift set 8's everyday half showed once it was read as development (docs/scan.md "Set 8 as
// development: everyday files") that the rules' examples (scanned as example.txt) cannot show: a file's kind (source code,
// where an unquoted value is an expression), or a mechanism the rules share.

const rulesAt = (path: string, template: string) => scanText({ path, text: expandFake(template, `set8-classes-a:${path}:${template}`) }).map((f) => f.rule);

describe("set 8's classes (everyday files)", () => {
  it("reads a multi-line string's or a heredoc's body in source code as text, in every language that writes one", () => {
    // Python's triple-quoted INI default, Terraform's user_data heredoc, Ruby's squiggly heredoc, Kotlin's raw string, PHP's nowdoc.
    expect(rulesAt("agent/defaults.py", 'DEFAULT_CONFIG = """\n[provider]\nendpoint = https://api.example.com\ndb_password = Kq«A10»7!\n"""\n')).toContain("generic-secret");
    expect(rulesAt("agent/defaults.py", "DEFAULT_ENV = '''\nLOG_LEVEL=debug\nDB_PASSWORD=Kq«A10»7\n'''\n")).toContain("generic-secret");
    expect(rulesAt("infra/ec2.tf", 'resource "aws_instance" "agent" {\n  user_data = <<-EOF\n    #!/bin/bash\n    export DB_PASSWORD=Kq«A10»7\n    systemctl start agent\n  EOF\n}\n')).toContain("generic-secret");
    expect(rulesAt("lib/agent/config.rb", "CONFIG = <<~YAML\n  provider:\n    password: Kq«A10»7\nYAML\n")).toContain("generic-secret");
    expect(rulesAt("app/src/main/kotlin/Config.kt", 'val props = """\n    agent.db-password=Kq«A10»7!\n""".trimIndent()\n')).toContain("generic-secret");
    expect(rulesAt("src/env.php", "<?php\n$env = <<<'ENV'\nDB_PASSWORD=Kq«A10»7\nENV;\n")).toContain("generic-secret");
    // Outside a body the line is code (an expression); inside, a reference, a placeholder or prose is still none.
    expect(rulesAt("agent/defaults.py", "api_key = Kq«A10»7\n")).toEqual([]);
    expect(rulesAt("infra/ec2.tf", 'resource "aws_instance" "agent" {\n  user_data = <<-EOF\n    export API_TOKEN=${var.api_token}\n  EOF\n}\n')).toEqual([]);
    expect(rulesAt("agent/defaults.py", 'DEFAULT_CONFIG = """\n[provider]\napi_key = <your-api-key>\n"""\n')).toEqual([]);
    expect(rulesAt("agent/client.py", 'def connect(api_key):\n    """Connects.\n\n    api_key: the key the provider issued to you.\n    token: refreshed when it expires.\n    """\n')).toEqual([]);
    expect(rulesAt("agent/defaults.py", 'DEFAULT_CONFIG = """\n[cache]\ncache_key = «A32»\n"""\n')).toEqual([]);
  });

  it("finds a body's span, a heredoc's word on a line of its own, and no body where the delimiters never close", () => {
    const strings = 'x = """one line"""\ny = """\na\n"""\n';
    expect(embeddedTextSpans(strings).map((s) => strings.slice(s.start, s.end))).toEqual(["\na\n"]);
    const text = "x = <<-EOF\n  a=1\n  EOF\ny = 1 << SHIFT\nz = 2\n";
    expect(embeddedTextSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(["  a=1\n"]);
    expect(embeddedTextSpans('x = """\nnever closed\n')).toEqual([]);
  });

  it("finds a function or a getter named for a secret returning a literal in each language's file", () => {
    expect(rulesAt("tests/integration/conftest.py", 'import pytest\n\n\n@pytest.fixture\ndef api_key():\n    return "«A32»"\n\n\n@pytest.fixture\ndef client(api_key):\n    return Client(api_key=api_key)\n')).toContain("returned-secret");
    expect(rulesAt("src/main/java/com/example/Keys.java", 'final class Keys {\n    static String getClientSecret() {\n        return "«A40»";\n    }\n}\n')).toContain("returned-secret");
    expect(rulesAt("src/keys.rs", "pub fn api_token() -> &'static str {\n    return \"«A32»\";\n}\n")).toContain("returned-secret");
    // Kotlin's "$password…" puts a variable in; Python's os.environ is no literal.
    expect(rulesAt("src/main/kotlin/Keys.kt", 'fun dbPassword(): String {\n    return "$prefixPassword«a8»"\n}\n')).toEqual([]);
    expect(rulesAt("tests/conftest.py", '@pytest.fixture\ndef api_key():\n    return os.environ["API_KEY"]\n')).toEqual([]);
  });

  it("takes a `$` as a password's character in a language whose strings do not interpolate, and not in one whose strings do", () => {
    expect(rulesAt("cmd/agent/client.go", 'provider.NewClient(\n\tprovider.WithPassword("Kq«A4»$«A6»7"),\n)\n')).toContain("setter-secret-call");
    expect(rulesAt("src/main/kotlin/Client.kt", 'Client.builder().password("Kq$secretSuffix7").build()\n')).toEqual([]);
    // In prose the snippet's language is not known: a `$` ends the value there, as it did before.
    expect(rulesAt("README.md", "```js\nentry.setPassword('Kq«A4»$«A6»7')\n```\n")).toEqual([]);
    expect(rulesAt("src/fetch.php", '<?php\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ["Password: $password«a8»"]);\n')).toEqual([]);
  });

  it("finds a header line written whole in a string of code, its value not quoted apart", () => {
    expect(rulesAt("src/fetch_models.php", "<?php\ncurl_setopt($ch, CURLOPT_HTTPHEADER, [\n    'Accept: application/json',\n    'Password: Kq«A10»7',\n]);\n")).toContain("header-line-string");
    expect(rulesAt("src/fetch.c", 'headers = curl_slist_append(headers, "Client-Secret: Kq«A10»7");\n')).toContain("header-line-string");
    expect(rulesAt("src/fetch_models.php", "<?php\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['Password: ' . $password]);\n")).toEqual([]);
  });

  it("reads a bare key or auth after a vendor's word, and a vendor's short key, in a CI file's nested value or default", () => {
    expect(rulesAt(".gitlab-ci.yml", 'variables:\n  DISCORD_AUTH:\n    value: «a40»\n    description: "Used by the bot"\n')).toContain("template-parameter-default");
    expect(rulesAt(".circleci/config.yml", "version: 2.1\njobs:\n  smoke:\n    parameters:\n      linkedin_token:\n        type: string\n        default: «a7»4«a6»\n")).toContain("template-parameter-default");
    expect(rulesAt(".gitlab-ci.yml", "variables:\n  CACHE_KEY:\n    value: «a40»\n")).toEqual([]);
    expect(rulesAt(".gitlab-ci.yml", "variables:\n  GITHUB_TOKEN:\n    value: «a7»4«a6»\n")).toEqual([]);
  });
});
