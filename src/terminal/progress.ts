/**
 * A progress line for long work (rotate, scan --history, unlock of many
 * files, key derivation): drawn on stderr, only when stderr is a terminal and
 * the user did not ask for --quiet, redrawn at most every 80 ms, and erased
 * when the work ends, so piped output and logs never see it.
 */
import { getLogLevel } from "../output/log.js";
import { sanitizeMessage } from "../output/sanitize.js";
import { colourOn, paint } from "../output/output.js";

export interface Progress {
  /** Work done so far (of `total` when one was given), and what is being done now. */
  update(done: number, detail?: string): void;
  /** Ends the line; `summary` (if any) is printed in its place. */
  done(summary?: string): void;
}

export interface ProgressOptions {
  /** The amount of work, when known: shows "n/total"; else a spinner. */
  total?: number;
  /** What is being done first (shown by the first draw). */
  detail?: string;
  stream?: NodeJS.WriteStream;
}

const FRAMES = ["|", "/", "-", "\\"];
const REDRAW_MS = 80;

/** True when a progress line would be drawn on this stream. */
export function progressVisible(stream: NodeJS.WriteStream = process.stderr): boolean {
  const level = getLogLevel();
  return stream.isTTY === true && process.env.TERM !== "dumb" && level !== "error" && level !== "silent";
}

/** Starts a progress line labelled `label`. Silent (but safe to call) when not on a terminal. */
export function startProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!progressVisible(stream)) {
    return {
      update: () => {},
      done: (summary) => {
        if (summary) stream.write(sanitizeMessage(`${summary}\n`, colourOn(stream)));
      },
    };
  }
  let frame = 0;
  let last = 0;
  let done = 0;
  let detail = options.detail ?? "";
  const draw = () => {
    last = Date.now();
    const count = options.total !== undefined ? ` ${done}/${options.total}` : ` ${FRAMES[frame++ % FRAMES.length]}`;
    const width = Math.max(20, (stream.columns || 80) - 1);
    const line = sanitizeMessage(`${label}${count}${detail ? ` ${detail}` : ""}`, colourOn(stream));
    stream.write(`\r\u001b[K${paint.dim(line.length > width ? `${line.slice(0, width - 1)}…` : line)}`);
  };
  // A spinner keeps turning while the event loop is free; unref'd so it never holds the process open.
  const timer = options.total === undefined ? setInterval(draw, REDRAW_MS * 2) : undefined;
  timer?.unref();
  draw();
  return {
    update(n, text) {
      done = n;
      if (text !== undefined) detail = text;
      if (Date.now() - last >= REDRAW_MS || (options.total !== undefined && n >= options.total)) draw();
    },
    done(summary) {
      if (timer) clearInterval(timer);
      stream.write("\r\u001b[K");
      if (summary) stream.write(sanitizeMessage(`${summary}\n`, colourOn(stream)));
    },
  };
}

/** Reports work as (done, total, detail): what the commands' modules take, so they need no terminal code. */
export type ProgressCallback = (done: number, total: number, detail?: string) => void;

/** Below this many steps, work ends before a progress line would help: none is drawn. */
export const MIN_PROGRESS_STEPS = 10;

/**
 * A progress line fed by a ProgressCallback: drawn (on a terminal, see
 * startProgress) once the work has MIN_PROGRESS_STEPS steps or more; a new
 * total starts a new line (the next phase of the work).
 */
export function progressReporter(label: string, options: { stream?: NodeJS.WriteStream } = {}): { report: ProgressCallback; done(): void } {
  let line: Progress | undefined;
  let lineTotal = -1;
  return {
    report(done, total, detail) {
      if (total !== lineTotal) {
        line?.done();
        lineTotal = total;
        line = total >= MIN_PROGRESS_STEPS ? startProgress(label, { total, ...(detail ? { detail } : {}), ...(options.stream ? { stream: options.stream } : {}) }) : undefined;
      }
      line?.update(done, detail);
    },
    done() {
      line?.done();
      line = undefined;
    },
  };
}
