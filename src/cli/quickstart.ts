/**
 * `backpack quickstart`: a short wizard (template?, name, credentials, system
 * prompt, tone, script language) that writes agent.lock and a starter
 * script. Every question has a flag that answers it, so the same flow runs
 * on a terminal, from piped answers, and with --non-interactive.
 */
import { basename, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";
import { agentFromTemplate } from "../core/template.js";
import { agentNameFromFolder, agentNameProblem, createAgentDocument, credentialListProblem, parseCredentialNames } from "../agent-file/init.js";
import { assertFree, type ScaffoldFile, writeScaffold } from "../agent-file/scaffold.js";
import { openContext } from "../git/context.js";
import { type Template, findTemplate, loadCatalog, templateFiles, withSharedHelper } from "../templates/catalog.js";
import { STARTER_LANGUAGES, type StarterLanguage, renderStarter } from "../templates/starter.js";
import { reportCreated } from "./agent-created.js";
import { note, paint } from "../output/output.js";
import type { Prompter } from "../terminal/prompt.js";

export interface QuickstartOptions {
  dir: string;
  name?: string;
  credentials?: string;
  systemPrompt?: string;
  tone?: string;
  template?: string;
  lang?: StarterLanguage;
  force?: boolean;
  /** The user's template folder (templates there can be chosen too). */
  userTemplateDir: string;
}

const NO_TEMPLATE = "none";
const DEFAULT_PROMPT = "You are a helpful assistant.";
const DEFAULT_TONE = "friendly";

/** Runs the wizard and writes the agent. */
export async function runQuickstart(options: QuickstartOptions, ask: Prompter): Promise<void> {
  const dir = resolve(options.dir);
  // Stop before any question when the agent.lock is already there.
  assertFree(dir, ["agent.lock"], options.force);
  const catalog = loadCatalog(options.userTemplateDir);
  ask.tell(paint.bold("Let's set up an agent. Enter takes the default in (parentheses)."));

  let template: Template | undefined;
  if (options.template !== undefined) {
    template = findTemplate(catalog, options.template);
  } else {
    const picked = await ask.choice({
      message: "Start from a template",
      flag: "--template NAME",
      choices: [{ value: NO_TEMPLATE, hint: "a blank agent with a starter script" }, ...catalog.templates.map((t) => ({ value: t.manifest.name, hint: t.manifest.description }))],
      default: NO_TEMPLATE,
    });
    template = picked === NO_TEMPLATE ? undefined : findTemplate(catalog, picked);
  }

  const name =
    options.name ??
    (await ask.text({
      message: "Agent name",
      flag: "--name",
      default: template?.manifest.name ?? agentNameFromFolder(basename(dir)),
      validate: agentNameProblem,
    }));
  const nameProblem = agentNameProblem(name);
  if (nameProblem) throw new BackpackError("USAGE", `"${name}" is not a valid agent name`, nameProblem);

  const credentialText =
    options.credentials ??
    (await ask.text({
      message: "Credentials it needs (comma-separated names, empty for none)",
      flag: "--credentials A,B",
      default: template ? template.manifest.credentials.map((c) => c.name).join(",") : "OPENAI_API_KEY",
      validate: credentialListProblem,
    }));
  const credentials = parseCredentialNames(credentialText);

  const systemPrompt =
    options.systemPrompt ??
    (await ask.text({
      message: "System prompt",
      flag: "--system-prompt",
      default: template?.manifest.personality.system_prompt ?? DEFAULT_PROMPT,
      validate: (answer) => (answer.trim() === "" ? "the system prompt cannot be empty" : undefined),
    }));
  const tone = options.tone ?? (await ask.text({ message: "Tone", flag: "--tone", default: template?.manifest.personality.tone ?? DEFAULT_TONE }));

  let files: ScaffoldFile[];
  let entry: string;
  if (template) {
    files = templateFiles(template);
    entry = template.manifest.entry;
    if (options.lang !== undefined && !entry.endsWith(`.${options.lang}`)) note(paint.dim(`--lang ${options.lang} is left aside: the template ${template.manifest.name} brings its own ${entry}`));
  } else {
    const lang =
      options.lang ??
      (await ask.choice<StarterLanguage>({
        message: "Starter script",
        flag: "--lang py|js",
        choices: STARTER_LANGUAGES.map((value) => ({ value, hint: value === "py" ? "agent.py (Python 3, standard library)" : "agent.js (Node.js 20, no dependencies)" })),
        default: "py",
      }));
    const starter = renderStarter(lang, name, credentials);
    files = withSharedHelper([starter], starter.name);
    entry = starter.name;
  }

  const doc = template
    ? agentFromTemplate(template.manifest, { agentName: name, credentials, systemPrompt, tone })
    : createAgentDocument({ name, credentials, systemPrompt, tone: tone === "" ? undefined : tone });
  if (template && tone === "") delete doc.personality.tone;

  const where = options.dir === "." ? "this folder" : options.dir;
  const proceed = await ask.confirm({ message: `Write agent.lock and ${files.map((f) => f.name).join(", ")} in ${where}`, default: true });
  if (!proceed) throw new BackpackError("CANCELLED", "cancelled", "nothing was written");

  const result = await writeScaffold(dir, doc, files, openContext, { force: options.force });
  reportCreated({ result, credentials, entry, dir: options.dir });
}
