import type { Argv } from "yargs";
import { resolve } from "node:path";
import { BackpackError } from "../../errors/errors.js";
import { note, paint, say } from "../../output/output.js";
import { commandGroup } from "../command-group.js";

interface TemplateArgs {
  name?: string;
  path?: string;
  dir?: string;
  "agent-name"?: string;
  force?: boolean;
  json?: boolean;
}

/** The catalog (built-ins + the user's template folder) for the current directory's configuration. */
async function catalog() {
  const { loadCatalog, userTemplateDirHere } = await import("../../templates/catalog.js");
  const userDir = userTemplateDirHere();
  return { userDir, ...loadCatalog(userDir) };
}

const subcommands = (y: Argv<object>) =>
  y
    .command<TemplateArgs>(
      "list",
      "List the templates (built-in and yours)",
      (b) => b.option("json", { type: "boolean", describe: "As JSON: name, source, folder, description, entry, credentials" }),
      async (argv) => {
        const { templates, shadowed, problems, userDir } = await catalog();
        if (argv.json) {
          const rows = templates.map((t) => ({
            name: t.manifest.name,
            source: t.source,
            folder: t.dir,
            description: t.manifest.description,
            entry: t.manifest.entry,
            credentials: t.manifest.credentials,
          }));
          say(JSON.stringify(rows, null, 2));
        } else {
          const width = Math.max(...templates.map((t) => t.manifest.name.length), 4);
          for (const t of templates) {
            const tag = t.source === "user" ? paint.yellow(shadowed.includes(t.manifest.name) ? " (yours, replaces the built-in)" : " (yours)") : "";
            say(`${paint.bold(t.manifest.name.padEnd(width))}  ${t.manifest.description}${tag}`);
            const creds = t.manifest.credentials.map((c) => (c.required ? c.name : `${c.name} (optional)`));
            if (creds.length) say(`${" ".repeat(width)}  ${paint.dim(`needs ${creds.join(", ")}`)}`);
          }
          say("");
          say(paint.dim(`your templates: ${userDir}; use one with \`backpack template use NAME\``));
        }
        for (const problem of problems) note(`${paint.yellow("skipped")} ${problem.dir}: ${problem.message}`);
      },
    )
    .command<TemplateArgs>(
      "use <name>",
      "Create agent.lock, the agent script and a README from a template",
      (b) =>
        b
          .positional("name", { type: "string", describe: "The template's name (see `backpack template list`)" })
          .option("dir", { type: "string", default: ".", describe: "Folder to create the agent in (created if needed)" })
          .option("agent-name", { type: "string", describe: "The agent's name (default: the template's)" })
          .option("force", { type: "boolean", describe: "Replace existing files (a backup of each is kept)" })
          .example("$0 template use financial_analyst --dir my-analyst", ""),
      async (argv) => {
        const { findTemplate, templateFiles } = await import("../../templates/catalog.js");
        const { agentFromTemplate } = await import("../../core/template.js");
        const { agentNameProblem } = await import("../../agent-file/init.js");
        const { writeScaffold } = await import("../../agent-file/scaffold.js");
        const { openContext } = await import("../../git/context.js");
        const { reportCreated } = await import("../agent-created.js");
        const template = findTemplate(await catalog(), argv.name as string);
        const agentName = argv["agent-name"];
        if (agentName !== undefined) {
          const problem = agentNameProblem(agentName);
          if (problem) throw new BackpackError("USAGE", `"${agentName}" is not a valid agent name`, problem);
        }
        const doc = agentFromTemplate(template.manifest, agentName === undefined ? {} : { agentName });
        const dir = argv.dir ?? ".";
        const result = await writeScaffold(resolve(dir), doc, templateFiles(template), openContext, { force: argv.force });
        reportCreated({ result, credentials: template.manifest.credentials.filter((c) => c.required).map((c) => c.name), entry: template.manifest.entry, dir });
      },
    )
    .command<TemplateArgs>(
      "install <path>",
      "Check a template folder and copy it into your template folder",
      (b) =>
        b
          .positional("path", { type: "string", describe: "A folder with template.json, the entry script and README.md" })
          .option("force", { type: "boolean", describe: "Replace an installed template of the same name (or shadow a built-in)" }),
      async (argv) => {
        const { installTemplate } = await import("../../templates/catalog.js");
        const { userDir, templates } = await catalog();
        const builtinNames = templates.filter((t) => t.source === "built-in").map((t) => t.manifest.name);
        const installed = installTemplate(argv.path as string, userDir, { force: argv.force, builtinNames });
        say(`${paint.green("installed")} ${installed.manifest.name} in ${installed.dir}`);
        say(paint.dim(`use it with \`backpack template use ${installed.manifest.name}\``));
      },
    );

/** `backpack template`: list, use and install agent templates. */
export default commandGroup("template", "Agent templates: list, use NAME, install PATH", "list, use or install", subcommands);

