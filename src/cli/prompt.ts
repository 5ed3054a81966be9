/**
 * Reading a secret from the user: a hidden prompt on a terminal (nothing is
 * echoed; see readHiddenLine in ./ui/prompt.ts), or all of stdin when it is
 * piped (a value may span lines, unlike the one-line answers of the
 * Prompter). Secrets never come from argv unless a command says so
 * explicitly: argv is visible in `ps` and in shell history.
 */
import { readHiddenLine } from "../terminal/prompt.js";

/** All of stdin, without the one trailing newline a pipe or here-string adds. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** A secret from a hidden prompt on a terminal, else from stdin. */
export async function readSecret(prompt: string): Promise<string> {
  return process.stdin.isTTY ? readHiddenLine(prompt) : readStdin();
}
