/**
 * Reading a secret from the user: a hidden prompt on a terminal (nothing is
 * echoed), or all of stdin when it is piped. Secrets never come from argv
 * unless a command says so explicitly: argv is visible in `ps` and in shell
 * history.
 */
import { BackpackError } from "../errors.js";

/** All of stdin, without the one trailing newline a pipe or here-string adds. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** Reads one line from the terminal with echo off; the prompt goes to stderr. */
export function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolvePromise, reject) => {
    let value = "";
    const finish = (error?: BackpackError) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (error) reject(error);
      else resolvePromise(value);
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === "\r" || ch === "\n" || (ch === "\u0004" && value.length === 0)) return finish();
        if (ch === "\u0003") return finish(new BackpackError("USAGE", "cancelled", "nothing was stored"));
        if (ch === "\u007f" || ch === "\b") value = Array.from(value).slice(0, -1).join("");
        else if (ch >= " " || ch === "\t") value += ch;
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding("utf8");
    stdin.setRawMode(true);
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** A secret from a hidden prompt on a terminal, else from stdin. */
export async function readSecret(prompt: string): Promise<string> {
  return process.stdin.isTTY ? readHiddenLine(prompt) : readStdin();
}
