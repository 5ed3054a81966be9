/**
 * Questions on the terminal, read synchronously from fd 0 and asked on fd 2.
 * process.stdin is never touched: Node would switch the shared terminal to
 * non-blocking mode, and `backpack run` hands the same stdin to the agent
 * right after asking. Only used when stdin and stderr are terminals.
 */
import { readSync, writeSync } from "node:fs";
import { isatty } from "node:tty";

/** True when a question can be asked and answered (stdin and stderr are terminals). */
export function canPrompt(): boolean {
  return isatty(0) && isatty(2);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** One line from fd 0 (without the newline), or undefined at end of input. */
function readLine(): string | undefined {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (error) {
      // An inherited non-blocking stdin: wait a little and read again.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 20);
        continue;
      }
      throw error;
    }
    if (n === 0) return bytes.length ? Buffer.from(bytes).toString("utf8") : undefined;
    if (one[0] === 0x0a) return Buffer.from(bytes).toString("utf8").replace(/\r$/, "");
    bytes.push(one[0] as number);
  }
}

export interface Choice<T> {
  /** What the user types (first letter or the whole word). */
  word: string;
  value: T;
}

/**
 * Asks until the answer is one of the choices (by word or its first letter,
 * any case); an empty answer picks `fallback` when given. Undefined at end of input.
 */
export function askChoice<T>(question: string, choices: Choice<T>[], fallback?: T): T | undefined {
  for (;;) {
    writeSync(2, `${question} `);
    const line = readLine();
    if (line === undefined) {
      writeSync(2, "\n");
      return undefined;
    }
    const answer = line.trim().toLowerCase();
    if (answer === "" && fallback !== undefined) return fallback;
    const match = choices.find((c) => c.word === answer || c.word[0] === answer);
    if (match) return match.value;
    writeSync(2, `please answer ${choices.map((c) => c.word).join(", ")}\n`);
  }
}

/** A yes/no question; `fallback` on an empty answer. */
export function confirm(question: string, fallback = false): boolean {
  return askChoice(`${question} [${fallback ? "Y/n" : "y/N"}]`, [{ word: "yes", value: true }, { word: "no", value: false }], fallback) ?? false;
}
