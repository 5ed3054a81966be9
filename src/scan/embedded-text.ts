/**
 * Text written inside source code: the body of a multi-line string (Python's, Kotlin's, Java's, Swift's and C#'s
 * `"""…"""`, Python's `'''…'''`) or of a heredoc (HCL's and Ruby's `<<-EOF`, `<<~EOS`, PHP's `<<<EOT`, Perl's `<<'END'`).
 * Such a body is often a config file, a script or an .env written out (an INI default, a `user_data` script's
 * `export API_KEY=…`), where a value is not quoted: in code an unquoted value is an expression, but in the body it
 * is the text itself. The scanner reads these bodies as text (scanner.ts). Pure.
 */

/** A body's span in the text: [start, end), the lines between its opening and its closing delimiter. */
export interface TextSpan {
  start: number;
  end: number;
}

// A heredoc's opener: `<<`, `<<-`, `<<~` or PHP's `<<<`, then its word, maybe quoted. The word is in capitals, as
// heredocs' words are written (EOF, EOT, SQL, CONFIG): a shift by a lower-case name (`1 << shift`) opens none.
const HEREDOC_OPENER = /<<(?:<|[-~])?[ \t]{0,4}(["']?)([A-Z][A-Z0-9_]{0,30})\1[^\n]{0,200}\n/g;

/** Heredoc openers whose word is never found on a line of its own after them, past which no other is sought. */
const MAX_UNCLOSED = 8;

/** Every multi-line string's and heredoc's body in a code file, in text order, none overlapping another. */
export function embeddedTextSpans(text: string, path = ""): TextSpan[] {
  const spans: TextSpan[] = [];
  if (text.includes('"""') || text.includes("'''")) tripleQuoted(text, spans);
  if (text.includes("<<")) heredocs(text, spans);
  if (path.endsWith(".nix") && text.includes("''")) nixIndented(text, spans);
  if (spans.length < 2) return spans;
  // Both kinds found: in text order, and a heredoc inside a triple-quoted string (or the reverse) read once.
  spans.sort((a, b) => a.start - b.start);
  const kept: TextSpan[] = [];
  for (const span of spans) {
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
    } else kept.push(span);
  }
  return kept;
}

/** `"""…"""` and `'''…'''` that span lines: each opener's body ends at the same delimiter's next occurrence. */
function tripleQuoted(text: string, spans: TextSpan[]): void {
  let at = 0;
  // Each kind's next opener, sought again only once passed: a text of `"""` and no `'''` is not searched to its end
  // for one at every opener.
  let dq = -2;
  let sq = -2;
  for (;;) {
    if (dq !== -1 && dq < at) dq = text.indexOf('"""', at);
    if (sq !== -1 && sq < at) sq = text.indexOf("'''", at);
    const open = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
    if (open < 0) return;
    const delimiter = text.slice(open, open + 3);
    const close = text.indexOf(delimiter, open + 3);
    if (close < 0) return;
    const body = text.slice(open + 3, close);
    if (body.includes("\n")) spans.push({ start: open + 3, end: close });
    at = close + 3;
  }
}

/** Heredocs: the lines after an opener up to the line that holds its word alone (PHP's may end in `;` or `,`). */
function heredocs(text: string, spans: TextSpan[]): void {
  HEREDOC_OPENER.lastIndex = 0;
  let unclosed = 0;
  for (let m = HEREDOC_OPENER.exec(text); m; m = HEREDOC_OPENER.exec(text)) {
    const word = m[2] as string;
    const start = m.index + m[0].length;
    const closing = new RegExp(String.raw`^[ \t]{0,40}${word}[ \t]{0,4}[;,)]{0,2}[ \t]{0,4}\r?$`, "gm");
    closing.lastIndex = start;
    const close = closing.exec(text);
    if (!close) {
      if (++unclosed >= MAX_UNCLOSED) return;
      continue;
    }
    spans.push({ start, end: close.index });
    HEREDOC_OPENER.lastIndex = close.index + close[0].length;
  }
}

// Nix's indented string: `''` ending its line opens it (`shellHook = ''`, `text = ''`), and the next `''` that is no
// escape (`'''` is a quote, `''$` a dollar, `''\` an escape) closes it. Read in a .nix file only: elsewhere `''` is an
// empty string.
const NIX_OPENER = /''[ \t]{0,8}\r?\n/g;
const NIX_CLOSER = /''(?!['$\\])/g;

/** Nix's `''…''` bodies that span lines. */
function nixIndented(text: string, spans: TextSpan[]): void {
  NIX_OPENER.lastIndex = 0;
  for (let m = NIX_OPENER.exec(text); m; m = NIX_OPENER.exec(text)) {
    const start = m.index + m[0].length;
    NIX_CLOSER.lastIndex = start;
    const close = NIX_CLOSER.exec(text);
    if (!close) return;
    spans.push({ start, end: close.index });
    NIX_OPENER.lastIndex = close.index + 2;
  }
}
