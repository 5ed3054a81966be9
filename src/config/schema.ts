/**
 * The config file's zod schema, built from the SETTINGS table (./settings.ts,
 * the one place each setting's type and limits are written). `backpack
 * config set` checks the whole file with it before writing, and `doctor`
 * checks both config files with it. Loading a config file does not use it
 * (the table's light validator does), so git's hot paths never load zod.
 */
import { z } from "zod";
import { type ConfigFile, SETTINGS, type SettingSpec } from "./settings.js";

function settingSchema(spec: SettingSpec): z.ZodType {
  switch (spec.type) {
    case "string": {
      if (spec.choices) return z.enum(spec.choices as [string, ...string[]]);
      let s = z.string();
      if (spec.pattern) s = s.regex(spec.pattern.regex, spec.pattern.what);
      if (spec.nonEmpty) s = s.min(1);
      return s;
    }
    case "integer": {
      let n = z.number().int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      return n;
    }
    case "boolean":
      return z.boolean();
    case "list":
      return z.array(z.string());
  }
}

interface Shape {
  [key: string]: z.ZodType | Shape;
}

function toSchema(shape: Shape): z.ZodType {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(shape)) fields[key] = (value instanceof z.ZodType ? value : toSchema(value)).optional();
  return z.object(fields).strict();
}

/** The whole config file as written in TOML (every part optional, unknown keys refused). */
export const configFileSchema: z.ZodType<ConfigFile> = (() => {
  const root: Shape = {};
  for (const spec of SETTINGS) {
    const parts = spec.name.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Shape;
    node[parts[parts.length - 1] as string] = settingSchema(spec);
  }
  return toSchema(root) as z.ZodType<ConfigFile>;
})();

/** The first problem zod finds in a parsed config file, in the words config errors use. */
export function strictConfigProblem(data: unknown): { where: string; message: string } | undefined {
  const parsed = configFileSchema.safeParse(data);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join(".") || "top level";
  const unknown = issue?.code === "unrecognized_keys" ? ` (unknown setting ${issue.keys.join(", ")})` : "";
  return { where, message: `${issue?.message ?? "invalid"}${unknown}` };
}
