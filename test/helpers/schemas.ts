/**
 * Validators for the vendored JSON schemas in test/fixtures/schemas (see its
 * README for sources): SARIF 2.1.0 (JSON Schema draft-04, so Ajv's draft-04
 * class) and SchemaStore's GitHub Action and workflow schemas (draft-07).
 * Formats (uri, uri-reference, date-time) are checked too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";
import { PROJECT_ROOT } from "./project-root.js";

export const SCHEMAS_DIR = join(PROJECT_ROOT, "test/fixtures/schemas");

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, name), "utf8")) as Record<string, unknown>;
}

/** A checker: the errors (path and message), empty when the value is valid. */
export type SchemaCheck = (value: unknown) => string[];

function checker(validate: ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null }): SchemaCheck {
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`));
}

let sarif: SchemaCheck | undefined;
/** Validates against the official SARIF 2.1.0 schema. */
export function checkSarif(value: unknown): string[] {
  if (!sarif) {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    sarif = checker(ajv.compile(schema("sarif-schema-2.1.0.json")));
  }
  return sarif(value);
}

const github = new Map<string, SchemaCheck>();
/** Validates against SchemaStore's github-action.json or github-workflow.json. */
export function checkGithub(which: "github-action" | "github-workflow", value: unknown): string[] {
  let check = github.get(which);
  if (!check) {
    // strict: false: SchemaStore uses keywords Ajv does not know (markdownDescription, ...).
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    check = checker(ajv.compile(schema(`${which}.json`)));
    github.set(which, check);
  }
  return check(value);
}

/** Reads a YAML file of the project (action.yml, a workflow) as data. */
export function readYaml(path: string): unknown {
  return parseYaml(readFileSync(join(PROJECT_ROOT, path), "utf8"));
}
