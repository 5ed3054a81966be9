import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Prompter, isCiEnvironment, promptMode } from "../../src/terminal/prompt.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { assertNoSecrets, assertSameSecret } from "../helpers/secrets.js";

/** A Prompter reading `input` as piped stdin, and what it wrote. */
function piped(input: string, env: NodeJS.ProcessEnv = {}) {
  const stdin = new PassThrough();
  stdin.end(input);
  const stderr = new PassThrough();
  let shown = "";
  stderr.on("data", (chunk: Buffer) => (shown += chunk.toString("utf8")));
  return { ask: new Prompter({ input: stdin, output: stderr, env }), shown: () => shown };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; hint: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isBackpackError(error)) return { code: error.code, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error("expected a failure");
}

const notEmpty = (answer: string) => (answer === "" ? "cannot be empty" : undefined);

describe("prompt mode", () => {
  it("reads a terminal, reads piped lines, or takes defaults with --non-interactive or CI", () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(promptMode({ input: tty, env: {} })).toBe("tty");
    expect(promptMode({ input: new PassThrough(), env: {} })).toBe("lines");
    expect(promptMode({ input: tty, env: {}, nonInteractive: true })).toBe("defaults");
    expect(promptMode({ input: tty, env: { CI: "true" } })).toBe("defaults");
    expect(promptMode({ input: tty, env: { CI: "1" } })).toBe("defaults");
    expect(promptMode({ input: tty, env: { CI: "false" } })).toBe("tty");
    expect(isCiEnvironment({ CI: "0" })).toBe(false);
    expect(isCiEnvironment({ CI: "" })).toBe(false);
  });
});

describe("answers piped on stdin", () => {
  it("takes one line per question, the default for an empty line and at the end of input", async () => {
    const { ask, shown } = piped("my-agent\n\nyes\n");
    expect(await ask.text({ message: "Agent name", default: "x", validate: notEmpty })).toBe("my-agent");
    expect(await ask.text({ message: "Tone", default: "friendly" })).toBe("friendly");
    expect(await ask.confirm({ message: "Go on", default: false })).toBe(true);
    expect(await ask.text({ message: "After the end", default: "fallback" })).toBe("fallback");
    ask.close();
    expect(shown()).toContain("? Agent name (x): my-agent\n");
  });

  it("picks a choice by number, by name, by a unique start, and suggests the closest for a typo", async () => {
    const choices = [{ value: "financial_analyst" }, { value: "twitter_bot" }, { value: "code_reviewer" }] as const;
    const { ask } = piped("2\ncode_reviewer\nfin\n");
    expect(await ask.choice({ message: "Template", choices })).toBe("twitter_bot");
    expect(await ask.choice({ message: "Template", choices })).toBe("code_reviewer");
    expect(await ask.choice({ message: "Template", choices })).toBe("financial_analyst");
    const typo = piped("twiter_bot\n");
    expect(await failure(typo.ask.choice({ message: "Template", choices }))).toMatchObject({ code: "USAGE", message: "Template: did you mean twitter_bot?" });
    const outOfRange = piped("9\n");
    expect((await failure(outOfRange.ask.choice({ message: "Template", choices }))).message).toMatch(/from 1 to 3/);
  });

  it("fails on an invalid answer, naming the line and the flag, instead of looping", async () => {
    const { ask } = piped("ok\n\n");
    await ask.text({ message: "First" });
    const err = await failure(ask.text({ message: "Agent name", flag: "--name", validate: notEmpty }));
    expect(err).toEqual({ code: "USAGE", message: "Agent name: cannot be empty", hint: "fix line 2 of the input, or pass --name" });
  });

  it("fails when input ends before a question without a default", async () => {
    const { ask } = piped("");
    const err = await failure(ask.text({ message: "System prompt", flag: "--system-prompt" }));
    expect(err.code).toBe("USAGE");
    expect(err.message).toMatch(/needs an answer: stdin ended/);
    expect(err.hint).toMatch(/--system-prompt/);
  });

  it("reads a secret from a line without showing it", async () => {
    const { ask, shown } = piped("correct horse battery\n");
    assertSameSecret(await ask.secret({ message: "Passphrase" }), "correct horse battery", "the passphrase read");
    assertNoSecrets([shown()], ["correct horse"]);
    const empty = piped("\n");
    expect((await failure(empty.ask.secret({ message: "Passphrase", flag: "--passphrase-env VAR" }))).hint).toMatch(/--passphrase-env/);
    const weak = piped("abc\n");
    const err = await failure(weak.ask.secret({ message: "Passphrase", validate: (p) => (p.length < 8 ? "use at least 8 characters" : undefined) }));
    expect(err.message).toBe("Passphrase: use at least 8 characters");
    expect(JSON.stringify(err)).not.toContain("abc");
  });

  it("rejects an unclear yes/no", async () => {
    const { ask } = piped("maybe\n");
    expect((await failure(ask.confirm({ message: "Go on" }))).message).toBe("Go on: answer y or n");
  });
});

describe("non-interactive", () => {
  it("takes defaults without reading stdin, and names the flag when there is none", async () => {
    const stdin = new PassThrough();
    stdin.write("typed ahead\n");
    const ask = new Prompter({ input: stdin, output: new PassThrough(), nonInteractive: true, env: {} });
    expect(await ask.text({ message: "Agent name", default: "bot" })).toBe("bot");
    expect(await ask.confirm({ message: "Write", default: true })).toBe(true);
    expect(await ask.choice({ message: "Lang", choices: [{ value: "py" }, { value: "js" }], default: "js" })).toBe("js");
    expect(await failure(ask.text({ message: "System prompt", flag: "--system-prompt" }))).toMatchObject({ code: "USAGE", hint: "pass --system-prompt" });
    expect((await failure(ask.secret({ message: "Passphrase", flag: "--passphrase-env VAR" }))).hint).toBe("pass --passphrase-env VAR");
    // A default that does not validate is an error too, not a silent bad value.
    expect((await failure(ask.text({ message: "Name", default: "", validate: notEmpty }))).message).toBe("Name: cannot be empty");
    expect(stdin.read()?.toString()).toBe("typed ahead\n");
  });
});
