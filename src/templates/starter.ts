/**
 * The starter script `backpack quickstart` writes when no template is chosen:
 * templates/_starter/agent.py or agent.js with the agent's name and credential
 * names filled in (as JSON literals, which are valid Python and JavaScript).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScaffoldFile } from "../agent-file/scaffold.js";
import { builtinTemplateDir } from "./catalog.js";

export type StarterLanguage = "py" | "js";
export const STARTER_LANGUAGES: readonly StarterLanguage[] = ["py", "js"];

/** The starter script for `language`, filled in. */
export function renderStarter(language: StarterLanguage, agentName: string, credentials: string[]): ScaffoldFile {
  const name = `agent.${language}`;
  const text = readFileSync(join(builtinTemplateDir(), "_starter", name), "utf8")
    // In a comment or docstring: the name is checked to hold no quotes or line breaks (see quickstart).
    .replaceAll("{{AGENT_NAME_TEXT}}", agentName)
    .replaceAll("{{AGENT_NAME}}", JSON.stringify(agentName))
    .replaceAll("{{CREDENTIALS}}", JSON.stringify(credentials));
  return { name, content: text, mode: 0o755 };
}
