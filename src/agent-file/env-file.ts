/**
 * `.env` files: parsed with dotenv's own parser (the format agents already
 * use), written so that dotenv parses every value back exactly. Values are
 * never logged; errors name the variable only.
 */
import { parse } from "dotenv";
import { BackpackError } from "../errors/errors.js";
import { CREDENTIAL_NAME } from "../core/schema.js";

export interface EnvEntries {
  /** Usable entries: a valid credential name and a non-empty value, in file order. */
  entries: Array<{ name: string; value: string }>;
  /** Names that were skipped, and why. */
  skipped: Array<{ name: string; reason: "invalid-name" | "empty" }>;
}

/** The entries of a .env file's text. */
export function parseEnvText(text: string): EnvEntries {
  const out: EnvEntries = { entries: [], skipped: [] };
  for (const [name, value] of Object.entries(parse(text))) {
    if (!CREDENTIAL_NAME.test(name)) out.skipped.push({ name, reason: "invalid-name" });
    else if (value === "") out.skipped.push({ name, reason: "empty" });
    else out.entries.push({ name, value });
  }
  return out;
}

const BARE = /^[A-Za-z0-9_\-./:@+,%~]+$/;

/**
 * One `NAME=value` line that dotenv reads back as exactly `value`: bare when
 * the value is plain, else in the first quotes dotenv takes literally.
 */
export function renderEnvLine(name: string, value: string): string {
  if (BARE.test(value)) return `${name}=${value}`;
  if (value.includes("\r")) {
    throw new BackpackError("USAGE", `${name} holds a carriage return, which a .env file cannot keep`, "export it another way, or store it without the carriage return");
  }
  if (!value.includes("'")) return `${name}='${value}'`;
  if (!value.includes("`")) return `${name}=\`${value}\``;
  // dotenv turns \n and \r inside double quotes into line breaks.
  if (!value.includes('"') && !/\\[nr]/.test(value)) return `${name}="${value}"`;
  throw new BackpackError("USAGE", `${name} holds ', \` and " together, which a .env file cannot quote`, "export it another way");
}
