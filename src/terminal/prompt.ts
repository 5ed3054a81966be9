/**
 * Questions to the user, answered three ways:
 *
 * - "tty": stdin is a terminal. Questions go to stderr (stdout stays
 *   parseable), a wrong answer is explained and asked again, and secrets are
 *   read in raw mode with nothing echoed.
 * - "lines": stdin is a pipe or a file. Each question takes the next line of
 *   stdin (an empty line or end of input takes the default), so scripts and
 *   tests can answer: `printf 'my-agent\nOPENAI_API_KEY\n' | backpack quickstart`.
 *   A wrong answer is an error: retrying cannot fix scripted input.
 * - "defaults": --non-interactive, or CI set. Nothing is read; each question
 *   takes its default, and one without a default is an error naming the flag
 *   that answers it.
 *
 * Secrets are never echoed, logged, or quoted in an error.
 */
import { isCiEnvironment } from "../io/ci-environment.js";
import { createInterface, type Interface } from "node:readline";
import { BackpackError } from "../errors/errors.js";
import { closestNames } from "../errors/suggest.js";
import { sanitizeMessage } from "../output/sanitize.js";
import { colourOn, paint } from "../output/output.js";

export type PromptMode = "tty" | "lines" | "defaults";

/** Checks an answer: an error message, or undefined when it is fine. */
export type Validator = (answer: string) => string | undefined;

interface Asked {
  /** The question, without punctuation: "Agent name". */
  message: string;
  /** The flag (or variable) that answers it without a prompt, named in errors: "--name". */
  flag?: string;
}

export interface TextQuestion extends Asked {
  default?: string;
  validate?: Validator;
}

export interface ConfirmQuestion extends Asked {
  default?: boolean;
}

export interface Choice<T extends string> {
  value: T;
  /** Shown after the value in the list. */
  hint?: string;
}

export interface ChoiceQuestion<T extends string> extends Asked {
  choices: readonly Choice<T>[];
  default?: T;
}

export interface SecretQuestion extends Asked {
  validate?: Validator;
  /** Ask twice and require the same answer (new passphrases). */
  confirm?: boolean;
}

export interface PromptOptions {
  /** --non-interactive: never read, take defaults. */
  nonInteractive?: boolean;
  env?: NodeJS.ProcessEnv;
  input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output?: NodeJS.WritableStream;
}


export { isCiEnvironment };

/** Which way questions are answered for these options. */
export function promptMode(options: PromptOptions = {}): PromptMode {
  const env = options.env ?? process.env;
  if (options.nonInteractive || isCiEnvironment(env)) return "defaults";
  const input = options.input ?? process.stdin;
  return input.isTTY ? "tty" : "lines";
}

/** Ctrl-C or Ctrl-D at a prompt: stop, change nothing. */
function cancelled(): BackpackError {
  return new BackpackError("CANCELLED", "cancelled", "nothing was changed");
}

const YES = /^(y|yes)$/i;
const NO = /^(n|no)$/i;

/** Asks questions on the terminal, reads them from piped stdin, or takes defaults (see the module comment). */
export class Prompter {
  readonly mode: PromptMode;
  private readonly input: NonNullable<PromptOptions["input"]>;
  private readonly output: NodeJS.WritableStream;
  private lines: AsyncIterator<string> | undefined;
  private lineReader: Interface | undefined;
  private lineNumber = 0;

  constructor(options: PromptOptions = {}) {
    this.mode = promptMode(options);
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stderr;
  }

  /** A line of guidance shown with the questions (nothing when none are asked). */
  tell(line: string): void {
    if (this.mode !== "defaults") this.output.write(sanitizeMessage(`${line}\n`, colourOn(this.output)));
  }

  /** A line of text, validated; the default when the answer is empty. */
  async text(q: TextQuestion): Promise<string> {
    const shown = q.default !== undefined && q.default !== "" ? ` ${paint.dim(`(${q.default})`)}` : "";
    return this.ask<string>(q, `${q.message}${shown}`, (raw) => {
      const answer = raw.trim() === "" ? (q.default ?? "") : raw.trim();
      const problem = q.validate?.(answer);
      return problem === undefined ? { value: answer } : { problem };
    }, q.default !== undefined);
  }

  /** Yes or no; the default when the answer is empty. */
  async confirm(q: ConfirmQuestion): Promise<boolean> {
    const options = q.default === undefined ? "y/n" : q.default ? "Y/n" : "y/N";
    return this.ask<boolean>(q, `${q.message} ${paint.dim(`(${options})`)}`, (raw) => {
      const answer = raw.trim();
      if (answer === "" && q.default !== undefined) return { value: q.default };
      if (YES.test(answer)) return { value: true };
      if (NO.test(answer)) return { value: false };
      return { problem: "answer y or n" };
    }, q.default !== undefined);
  }

  /** One of a list, by number, by name, or by a unique start of a name. */
  async choice<T extends string>(q: ChoiceQuestion<T>): Promise<T> {
    const values = q.choices.map((c) => c.value);
    if (this.mode !== "defaults") {
      const width = (this.output as { columns?: number }).columns ?? 100;
      const list = q.choices.map((c, i) => {
        const head = `  ${i + 1}) ${c.value}`;
        const room = width - head.length - 4;
        const hint = c.hint && room > 10 ? ` - ${c.hint.length > room ? `${c.hint.slice(0, room - 1)}…` : c.hint}` : "";
        return `  ${paint.dim(`${i + 1})`)} ${c.value}${paint.dim(hint)}`;
      });
      this.output.write(sanitizeMessage(`${list.join("\n")}\n`, colourOn(this.output)));
    }
    const shown = q.default !== undefined ? ` ${paint.dim(`(${q.default})`)}` : "";
    return this.ask<T>(q, `${q.message}${shown}`, (raw) => {
      const answer = raw.trim();
      if (answer === "" && q.default !== undefined) return { value: q.default };
      if (/^\d+$/.test(answer)) {
        const picked = values[Number(answer) - 1];
        return picked !== undefined ? { value: picked } : { problem: `pick a number from 1 to ${values.length}` };
      }
      const exact = values.find((v) => v === answer) ?? values.find((v) => v.toLowerCase() === answer.toLowerCase());
      if (exact) return { value: exact };
      const starts = values.filter((v) => v.toLowerCase().startsWith(answer.toLowerCase()));
      if (answer !== "" && starts.length === 1) return { value: starts[0] as T };
      const close = closestNames(answer, values);
      return { problem: close.length ? `did you mean ${close.slice(0, 3).join(", ")}?` : `one of: ${values.join(", ")}` };
    }, q.default !== undefined);
  }

  /** A secret: nothing echoed on a terminal, never written anywhere. No default. */
  async secret(q: SecretQuestion): Promise<string> {
    if (this.mode === "defaults") {
      throw new BackpackError("USAGE", `${q.message} is needed, and this run is non-interactive`, q.flag ? `pass ${q.flag}` : "run it in a terminal");
    }
    if (this.mode === "lines") {
      const line = await this.nextLine();
      if (line === undefined || line === "") throw new BackpackError("USAGE", `${q.message}: no answer on stdin`, q.flag ? `pass ${q.flag}, or give it as a line of stdin` : "give it as a line of stdin");
      const problem = q.validate?.(line);
      if (problem) throw new BackpackError("USAGE", `${q.message}: ${problem}`, `fix line ${this.lineNumber} of the input`);
      return line;
    }
    for (;;) {
      const first = await readHiddenLine(`${q.message}: `, { input: this.input, output: this.output });
      const problem = q.validate?.(first);
      if (problem) {
        this.output.write(sanitizeMessage(`${paint.yellow(problem)}\n`, colourOn(this.output)));
        continue;
      }
      if (q.confirm && (await readHiddenLine(`${q.message} again: `, { input: this.input, output: this.output })) !== first) {
        this.output.write(`${paint.yellow("the two entries differ; try again")}\n`);
        continue;
      }
      return first;
    }
  }

  /** Releases stdin so the process can exit. */
  close(): void {
    this.lineReader?.close();
    this.lineReader = undefined;
    this.lines = undefined;
  }

  private async ask<T>(q: Asked, label: string, interpret: (raw: string) => { value: T } | { problem: string }, hasDefault: boolean): Promise<T> {
    if (this.mode === "defaults") {
      if (!hasDefault) {
        throw new BackpackError("USAGE", `"${q.message}" needs an answer, and this run is non-interactive`, q.flag ? `pass ${q.flag}` : "run it in a terminal, or pipe the answers to stdin");
      }
      const result = interpret("");
      if ("problem" in result) throw new BackpackError("USAGE", `${q.message}: ${result.problem}`, q.flag ? `pass ${q.flag}` : "run it in a terminal");
      return result.value;
    }
    if (this.mode === "lines") {
      this.output.write(sanitizeMessage(`${paint.bold("?")} ${label}: `, colourOn(this.output)));
      const line = await this.nextLine();
      if (line === undefined && !hasDefault) {
        this.output.write("\n");
        throw new BackpackError("USAGE", `"${q.message}" needs an answer: stdin ended`, q.flag ? `pass ${q.flag}, or give one answer per line on stdin` : "give one answer per line on stdin");
      }
      const result = interpret(line ?? "");
      this.output.write(sanitizeMessage(`${line ?? ""}\n`, colourOn(this.output)));
      if ("problem" in result) {
        throw new BackpackError("USAGE", `${q.message}: ${result.problem}`, `fix line ${this.lineNumber} of the input${q.flag ? `, or pass ${q.flag}` : ""}`);
      }
      return result.value;
    }
    for (;;) {
      const result = interpret(await this.readLine(`${paint.bold("?")} ${label}: `));
      if ("value" in result) return result.value;
      this.output.write(sanitizeMessage(`${paint.yellow(result.problem)}\n`, colourOn(this.output)));
    }
  }

  /** The next line of piped stdin, or undefined at its end. */
  private async nextLine(): Promise<string | undefined> {
    if (!this.lines) {
      this.lineReader = createInterface({ input: this.input, terminal: false, crlfDelay: Infinity });
      this.lines = this.lineReader[Symbol.asyncIterator]();
    }
    const next = await this.lines.next();
    if (next.done) return undefined;
    this.lineNumber++;
    return next.value;
  }

  /** One line typed at the terminal, with line editing. */
  private readLine(label: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const rl = createInterface({ input: this.input, output: this.output, terminal: true });
      let answered = false;
      rl.on("SIGINT", () => {
        rl.close();
        this.output.write("\n");
        reject(cancelled());
      });
      rl.on("close", () => {
        // Ctrl-D closes the interface without an answer.
        if (!answered) reject(cancelled());
      });
      rl.question(sanitizeMessage(label, colourOn(this.output)), (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
    });
  }

}

/** The streams a hidden read uses (stdin and stderr unless told). */
export interface HiddenLineIO {
  input?: NonNullable<PromptOptions["input"]>;
  output?: NodeJS.WritableStream;
}

/**
 * Reads one line typed at the terminal with echo off (raw mode), after
 * showing `label` on stderr. Backspace and Ctrl-U edit; Ctrl-C, or Ctrl-D on
 * an empty line, cancel (CANCELLED, exit 130). Raw mode is switched on before
 * the label is written, so nothing typed after the label appears can be echoed.
 */
export function readHiddenLine(label: string, io: HiddenLineIO = {}): Promise<string> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stderr;
  input.setRawMode?.(true);
  output.write(sanitizeMessage(label, colourOn(output)));
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      input.removeListener("data", onData);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || (ch === "\u0004" && value === "")) {
          finish();
          reject(cancelled());
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = Array.from(value).slice(0, -1).join("");
        else if (ch === "\u0015") value = "";
        // An escape sequence (arrow keys and the like) is not part of a secret.
        else if (ch === "\u001b") break;
        else if (ch >= " " || ch === "\t") value += ch;
      }
    };
    input.on("data", onData);
    input.resume();
  });
}

/** A Prompter for this process's stdin and stderr. */
export function createPrompter(options: PromptOptions = {}): Prompter {
  return new Prompter(options);
}

/** Validators shared by the commands that ask. */
export const validators = {
  /** Something other than blanks. */
  required:
    (what: string): Validator =>
    (answer) =>
      answer.trim() === "" ? `${what} cannot be empty` : undefined,
};
