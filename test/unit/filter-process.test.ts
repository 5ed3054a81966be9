import { describe, expect, it } from "vitest";
import { encryptWorkingForm, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { exportRepoKey, newRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { type FilterCommand, serveFilterProcess } from "../../src/git/filter-process.js";
import { createFilterSession } from "../../src/git/filters.js";
import { PktLineReader, encodeContent, encodeTextList } from "../../src/git/pkt-line.js";
import { EnvKeySource } from "../../src/keys/env-source.js";
import { createKeyResolver } from "../../src/keys/sources.js";
import { assertSameSecret } from "../helpers/secrets.js";

const key = newRepoKey(Buffer.alloc(32, 3));
const otherKey = newRepoKey(Buffer.alloc(32, 4));
const doc: WorkingForm = {
  version: 2,
  credentials: { TOKEN: { source: "embedded", value: "value-that-must-stay-secret" } },
  personality: { tone: "dry", system_prompt: "line one\nline two ✓" },
  memory: { facts: ["Zürich", "東京"] },
};
const working = serializeWorkingForm(doc);
const stored = serializeStoredForm(encryptWorkingForm(doc, key));

const handshake = Buffer.concat([
  encodeTextList(["git-filter-client", "version=2"]),
  encodeTextList(["capability=clean", "capability=smudge", "capability=delay"]),
]);

function request(command: string, pathname: string, content: string | Buffer): Buffer {
  return Buffer.concat([encodeTextList([`command=${command}`, `pathname=${pathname}`]), encodeContent(Buffer.from(content))]);
}

interface Reply {
  status: string;
  content?: string;
}

/** Runs the filter over what git would send and parses what it answers. */
async function talk(input: Buffer, commands: Record<string, FilterCommand>, files: number): Promise<{ preamble: string[][]; replies: Reply[]; errors: string[] }> {
  const written: Buffer[] = [];
  const out = { write: (chunk: Buffer) => written.push(chunk) > 0 };
  const errors: string[] = [];
  await serveFilterProcess([input], out, { commands, onFileError: (error, req) => errors.push(`${req.pathname}: ${(error as Error).message}`) });
  const reader = new PktLineReader(written);
  const preamble = [reader.readTextList() ?? [], reader.readTextList() ?? []];
  const replies: Reply[] = [];
  for (let i = 0; i < files; i++) {
    const [status = ""] = reader.readTextList() ?? [];
    if (status !== "status=success") {
      replies.push({ status });
      continue;
    }
    const content = reader.readContent().toString("utf8");
    expect(reader.readTextList()).toEqual([]); // status unchanged
    replies.push({ status, content });
  }
  expect(reader.readPacket()).toBeUndefined();
  return { preamble, replies, errors };
}

function session(env: NodeJS.ProcessEnv, warnings: string[] = []) {
  return createFilterSession({
    resolver: createKeyResolver({ sources: [new EnvKeySource(env)], env }),
    cleanKey: async () => key,
    unlockHint: "set TEAM_KEY",
    warn: (message, hint) => warnings.push(hint ? `${message} (hint: ${hint})` : message),
  });
}

describe("the long-running filter protocol", () => {
  it("negotiates version 2 and only the capabilities it serves", async () => {
    const { preamble } = await talk(handshake, { clean: (_, c) => c, smudge: (_, c) => c }, 0);
    expect(preamble).toEqual([["git-filter-server", "version=2"], ["capability=clean", "capability=smudge"]]);
  });

  it("answers status=error for one failing file and keeps serving the others", async () => {
    const upper: FilterCommand = (path, content) => {
      if (path === "bad") throw new Error("cannot");
      return Buffer.from(content.toString().toUpperCase());
    };
    const input = Buffer.concat([handshake, request("clean", "a", "one"), request("clean", "bad", "x"), request("smudge", "c", "three"), request("clean", "d", "")]);
    const { replies, errors } = await talk(input, { clean: upper, smudge: upper }, 4);
    expect(replies).toEqual([
      { status: "status=success", content: "ONE" },
      { status: "status=error" },
      { status: "status=success", content: "THREE" },
      { status: "status=success", content: "" },
    ]);
    expect(errors).toEqual(["bad: cannot"]);
  });

  it("answers status=error for a command it did not offer", async () => {
    const { replies } = await talk(Buffer.concat([handshake, request("smudge", "a", "x")]), { clean: (_, c) => c }, 1);
    expect(replies).toEqual([{ status: "status=error" }]);
  });

  it("waits for drain when the writer pushes back", async () => {
    const written: Buffer[] = [];
    let drains = 0;
    const out = {
      write: (chunk: Buffer) => written.push(chunk) < 0, // always "full"
      once: (_event: "drain", listener: () => void) => setImmediate(() => (drains++, listener())),
    };
    await serveFilterProcess([Buffer.concat([handshake, request("smudge", "a", "x"), request("smudge", "b", "y")])], out, { commands: { smudge: (_, c) => c } });
    expect(drains).toBe(written.length);
    const reply = (c: string) => Buffer.concat([encodeTextList(["status=success"]), encodeContent(Buffer.from(c)), encodeTextList([])]);
    const expected = Buffer.concat([encodeTextList(["git-filter-server", "version=2"]), encodeTextList(["capability=smudge"]), reply("x"), reply("y")]);
    expect(Buffer.concat(written).equals(expected)).toBe(true);
  });

  it("refuses a client that is not git's filter protocol v2", async () => {
    await expect(serveFilterProcess([encodeTextList(["git-filter-client", "version=1"])], { write: () => true }, { commands: {} })).rejects.toThrow(/version 2/);
    await expect(serveFilterProcess([encodeTextList(["hello"])], { write: () => true }, { commands: {} })).rejects.toThrow(/git-filter-client/);
  });

  it("carries files larger than one packet both ways", async () => {
    const big: WorkingForm = { ...doc, memory: { log: Array.from({ length: 20_000 }, (_, i) => `entry ${i}: ${"x".repeat(i % 50)}`) } };
    const bigStored = serializeStoredForm(encryptWorkingForm(big, key));
    const env = { AGENT_MASTER_KEY: exportRepoKey(key.key) };
    const s = session(env);
    const input = Buffer.concat([handshake, request("smudge", "big/agent.lock", bigStored), request("clean", "big/agent.lock", serializeWorkingForm(big))]);
    const { replies } = await talk(input, { clean: s.clean, smudge: s.smudge }, 2);
    assertSameSecret(replies[0]?.content, serializeWorkingForm(big), "the smudged reply");
    assertSameSecret(replies[1]?.content, bigStored, "the cleaned reply");
  });
});

describe("clean and smudge", () => {
  const env = { AGENT_MASTER_KEY: exportRepoKey(key.key) };

  it("smudge decrypts, clean encrypts, and clean(smudge(blob)) == blob", async () => {
    const s = session(env);
    const smudged = await s.smudge("agent.lock", Buffer.from(stored));
    assertSameSecret(smudged.toString(), working, "smudged");
    assertSameSecret((await s.clean("agent.lock", smudged)).toString(), stored, "clean(smudge(blob))");
  });

  it("clean passes the stored form (and format 1.0) through unchanged", async () => {
    const s = session(env);
    assertSameSecret((await s.clean("agent.lock", Buffer.from(stored))).toString(), stored, "clean of agent.lock");
    // A Fernet token's base64 (format 1.0 is read strictly: a layer's data is the token, as the Python tool wrote it).
    const layer = { data: Buffer.from("gAAAAAtoken").toString("base64"), salt: "c2FsdA==" };
    const v1 = JSON.stringify({ version: "1.0", layers: { credentials: layer, personality: layer, memory: layer } });
    assertSameSecret((await s.clean("agent.lock", Buffer.from(v1))).toString(), v1, "clean of agent.lock");
  });

  it("clean fails naming the file for invalid JSON, conflict markers, bad UTF-8, or no key", async () => {
    const s = session(env);
    await expect(s.clean("sub/agent.lock", Buffer.from("{ nope"))).rejects.toThrow(/sub\/agent\.lock is not valid JSON/);
    await expect(s.clean("x/agent.lock", Buffer.from(`<<<<<<< ours\n${working}=======\n${working}>>>>>>> theirs\n`))).rejects.toThrow(/x\/agent\.lock still has merge conflict markers/);
    await expect(s.clean("agent.lock", Buffer.from([0x7b, 0xff, 0x7d]))).rejects.toThrow(/not UTF-8/);
    const noKey = createFilterSession({
      resolver: createKeyResolver({ sources: [], env: {} }),
      cleanKey: async () => {
        const { BackpackError } = await import("../../src/errors/errors.js");
        throw new BackpackError("NO_KEY", "the repository's key is not on this machine", "unlock");
      },
      unlockHint: "set TEAM_KEY",
      warn: () => {},
    });
    await expect(noKey.clean("agent.lock", Buffer.from(working))).rejects.toThrow(/cannot encrypt agent\.lock: the repository's key/);
  });

  it("smudge without the key, or with another key, passes the stored form through and warns once", async () => {
    const warnings: string[] = [];
    const s = session({ AGENT_MASTER_KEY: exportRepoKey(otherKey.key) }, warnings);
    assertSameSecret((await s.smudge("a/agent.lock", Buffer.from(stored))).toString(), stored, "smudge of a/agent.lock");
    assertSameSecret((await s.smudge("b/agent.lock", Buffer.from(stored))).toString(), stored, "smudge of b/agent.lock");
    expect(warnings).toEqual([`a/agent.lock stays locked (encrypted): no key at hand for key ${key.fingerprint} (hint: set TEAM_KEY)`]);
    const none = session({});
    assertSameSecret((await none.smudge("agent.lock", Buffer.from(stored))).toString(), stored, "smudge of agent.lock");
  });

  it("smudge passes a tampered or foreign file through with a warning naming it", async () => {
    const warnings: string[] = [];
    const s = session(env, warnings);
    const tampered = stored.replace(/("memory": "v2\.j\.)(.)/, (_, head: string, c: string) => head + (c === "A" ? "B" : "A"));
    assertSameSecret((await s.smudge("agent.lock", Buffer.from(tampered))).toString(), tampered, "smudge of agent.lock");
    expect(warnings[0]).toMatch(/^agent\.lock stays locked: the memory layer of agent\.lock/);
    for (const other of ["not json", working, ""]) {
      assertSameSecret((await s.smudge("agent.lock", Buffer.from(other))).toString(), other, "smudge of agent.lock");
    }
  });
});
