/**
 * The values of a SQL file's INSERT rows in a column named for a secret: `INSERT INTO t (name, credential) VALUES`
 * then `('billing', '…')` on the lines after. The name stands on the INSERT line and the value in its row, by position:
 * no pattern reads that. Each quoted value in such a column is judged as the generic rules judge a value under that
 * name (isSecretUnderName: placeholders, references, words, hashes under a `*_hash` name pass). One pass over each
 * statement's rows, bounded: linear. Pure.
 */
import { isSecretUnderName } from "./rules.js";

/** A value found in a secret's column, at [start, end) of the text, with the column's name. */
export interface SqlSecretValue {
  start: number;
  end: number;
  name: string;
}

/** The most rows read after one INSERT: a seed file's rows, not a dump's. */
const MAX_ROWS = 10_000;

/** True for a file this reader reads (by its extension). */
export function isSqlFile(path: string): boolean {
  return /\.sql$/i.test(path);
}

// `INSERT INTO name (col, col, …) VALUES`, the column list without parentheses inside (every quantifier bounded).
const INSERT = /\bINSERT[ \t]+INTO[ \t]+[\w."`[\]]{1,128}[ \t]*\((?<columns>[^()]{1,2000})\)\s{0,64}VALUES\s{0,64}(?=\()/gi;

/** A row's fields from its `(` at `at`: each field's value, and where a quoted one's text starts and ends. */
function readRow(text: string, at: number): { end: number; fields: Array<{ start: number; end: number; quoted: boolean }> } | undefined {
  const fields: Array<{ start: number; end: number; quoted: boolean }> = [];
  let i = at + 1;
  let depth = 0;
  let start = i;
  let quoted: { start: number; end: number } | undefined;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      // A quoted string: up to the quote that is not doubled.
      const open = i + 1;
      let j = open;
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
      if (j >= text.length) return undefined;
      if (depth === 0 && text.slice(start, i).trim() === "") quoted = { start: open, end: j };
      i = j + 1;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if ((c === "," || c === ")") && depth === 0) {
      const after = text.slice(quoted ? quoted.end + 1 : i, i).trim() === "";
      fields.push(quoted && after ? { ...quoted, quoted: true } : { start, end: i, quoted: false });
      quoted = undefined;
      start = i + 1;
      if (c === ")") return { end: i + 1, fields };
    }
    i++;
  }
  return undefined;
}

/** The secret columns' values of a SQL text's INSERT rows. */
export function sqlSecretValues(text: string, path: string): SqlSecretValue[] {
  const out: SqlSecretValue[] = [];
  for (const m of text.matchAll(INSERT)) {
    const columns = (m.groups?.columns ?? "").split(",").map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ""));
    // A column named for a secret (the judgement of the value asks the rest of the name: `password_hash` is a hash's).
    const secret = columns.map((name, k) => ({ name, k })).filter(({ name }) => /^[A-Za-z_][\w]{0,63}$/.test(name));
    if (secret.length === 0) continue;
    let at = (m.index ?? 0) + m[0].length;
    for (let rows = 0; rows < MAX_ROWS && text[at] === "("; rows++) {
      const row = readRow(text, at);
      if (!row) break;
      for (const { name, k } of secret) {
        const field = row.fields[k];
        if (!field?.quoted || field.end === field.start) continue;
        const value = text.slice(field.start, field.end);
        if (!value.includes("''") && isSecretUnderName(value, name, path)) out.push({ start: field.start, end: field.end, name });
      }
      // The next row after a comma and blanks.
      const next = /^\s{0,64},\s{0,64}/.exec(text.slice(row.end, row.end + 130));
      if (!next) break;
      at = row.end + next[0].length;
    }
  }
  return out;
}
