/**
 * The passwords of a CSV file whose header names a password column (a browser's or a password manager's
 * export: `name,url,username,password`, Bitwarden's `login_password`): each row's field in that column is a
 * password by what the header says. Empty fields, references, placeholders and stock passwords pass (the
 * value is judged as a password's, isPasswordValue). One pass over the lines: linear. Pure.
 */
import { isPasswordValue } from "./rules.js";

/** A value found in a password column, at [start, end) of the text, with the column's name. */
export interface CsvSecretValue {
  start: number;
  end: number;
  name: string;
}

// The column's name: a password's, as exports write it (Chrome's and Firefox's `password`, Bitwarden's `login_password`).
const PASSWORD_COLUMN = /^(?:login[_ ]?)?pass(?:word|wd)$/i;
/** The most rows read: an export is a person's list of logins, not a data set. */
const MAX_ROWS = 10_000;

/** True for a file the CSV reader reads (by its extension). */
export function isCsvFile(path: string): boolean {
  return /\.csv$/i.test(path);
}

/** The fields of one CSV line with where each starts and ends in the line (quotes taken off, `""` kept as written). */
function fields(line: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      // A quoted field: up to the quote that is not doubled.
      let j = i + 1;
      while (j < line.length && !(line[j] === '"' && line[j + 1] !== '"')) j += line[j] === '"' ? 2 : 1;
      out.push({ start: i + 1, end: j, text: line.slice(i + 1, j) });
      const comma = line.indexOf(",", j);
      if (comma === -1) return out;
      i = comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      out.push({ start: i, end, text: line.slice(i, end) });
      if (comma === -1) return out;
      i = comma + 1;
    }
  }
}

/** The password column's values of a CSV text: the header is its first line that is not blank. */
export function csvSecretValues(text: string): CsvSecretValue[] {
  const out: CsvSecretValue[] = [];
  let column = -1;
  let name = "";
  let offset = 0;
  let rows = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const at = offset;
    offset += raw.length + 1;
    if (line.trim() === "") continue;
    if (column === -1) {
      // The header: a password column among names, else no export of logins.
      const header = fields(line);
      column = header.findIndex((f) => PASSWORD_COLUMN.test(f.text.trim()));
      if (column === -1) return out;
      name = header[column]?.text.trim() ?? "password";
      continue;
    }
    if (++rows > MAX_ROWS) break;
    const field = fields(line)[column];
    if (!field || field.text === "" || field.text.includes('""')) continue;
    if (isPasswordValue(field.text)) out.push({ start: at + field.start, end: at + field.end, name });
  }
  return out;
}
