/**
 * `.env`-style files: by convention they hold the real values and stay out of
 * git, while templates (`.env.example`, `.env.sample`, `.env.template`, …)
 * are committed with placeholders. A staged .env passes only when every value
 * is empty, a placeholder or a reference. Pure.
 */
import { DOCUMENTED_EXAMPLES, isTemplateReference, looksLikePlaceholder } from "./heuristics.js";

const TEMPLATE_WORD = /(?:^|[._-])(?:example|examples|sample|samples|template|templates|tmpl|tpl|dist|default|defaults|schema)(?:[._-]|$)/i;

/** What a path is to the dotenv check: a file of real values, a template, or neither. */
export function dotenvKind(path: string): "env" | "template" | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const isEnv = /^\.env(?:\..+)?$/i.test(base) || /^[^.][\w.-]*\.env$/i.test(base) || base === ".envrc";
  if (!isEnv) return undefined;
  return TEMPLATE_WORD.test(base.replace(/^\.env/i, "")) || TEMPLATE_WORD.test(base.replace(/\.env$/i, "")) ? "template" : "env";
}

/** One `NAME=value` line whose value is real. */
export interface DotenvValue {
  /** 1-based. */
  line: number;
  /** Offset of the value in the whole text. */
  start: number;
  end: number;
  name: string;
}

const ASSIGNMENT = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)(.*)$/;

/** The value as a dotenv parser reads it: quotes removed, an unquoted value's ` # comment` dropped. */
function valueSpan(raw: string): { offset: number; value: string } {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    const close = raw.indexOf(quote, 1);
    return { offset: 1, value: close > 0 ? raw.slice(1, close) : raw.slice(1) };
  }
  const comment = raw.search(/[ \t]#/);
  return { offset: 0, value: (comment >= 0 ? raw.slice(0, comment) : raw).trimEnd() };
}

/**
 * True when a dotenv value is empty, a placeholder, a vendor's documented example, or a
 * reference (`${VAR}`, `<key>`, `changeme`). A dotted word is a value here (`db.internal`),
 * not a variable as it would be in code.
 */
export function isEmptyOrPlaceholder(value: string): boolean {
  return value.trim() === "" || isTemplateReference(value) || looksLikePlaceholder(value) || DOCUMENTED_EXAMPLES.has(value);
}

/** The real values in a .env-style file. */
export function dotenvValues(text: string): DotenvValue[] {
  const out: DotenvValue[] = [];
  let offset = 0;
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    const m = ASSIGNMENT.exec(line.replace(/\r$/, ""));
    if (m) {
      const [, lead = "", name = "", eq = "", raw = ""] = m;
      const { offset: inner, value } = valueSpan(raw);
      if (!isEmptyOrPlaceholder(value)) {
        const start = offset + lead.length + name.length + eq.length + inner;
        out.push({ line: lineNo, start, end: start + value.length, name });
      }
    }
    offset += line.length + 1;
  }
  return out;
}
