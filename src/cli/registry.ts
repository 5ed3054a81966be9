/**
 * Every CLI command, one module each. Command modules stay thin: they parse
 * arguments, call into the layers below (ARCHITECTURE.md) and print; heavy modules
 * are imported inside handlers so start-up stays fast.
 */
import type { CommandModule } from "yargs";
import config from "./commands/config.js";
import demo from "./commands/demo.js";
import diff from "./commands/diff.js";
import doctor from "./commands/doctor.js";
import env from "./commands/env.js";
import exportCommand from "./commands/export.js";
import importCommand from "./commands/import.js";
import identity from "./commands/identity.js";
import info from "./commands/info.js";
import init from "./commands/init.js";
import key from "./commands/key.js";
import lock from "./commands/lock.js";
import log from "./commands/log.js";
import memory from "./commands/memory.js";
import migrate from "./commands/migrate.js";
import quickstart from "./commands/quickstart.js";
import rotate from "./commands/rotate.js";
import run from "./commands/run.js";
import scan from "./commands/scan.js";
import setup from "./commands/setup.js";
import show from "./commands/show.js";
import status from "./commands/status.js";
import team from "./commands/team.js";
import template from "./commands/template.js";
import trust from "./commands/trust.js";
import { tutorialCommand } from "./commands/tutorial.js";
import unlock from "./commands/unlock.js";
import validate from "./commands/validate.js";
import verify from "./commands/verify.js";
import version from "./commands/version.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  quickstart, template, tutorialCommand(() => commandNames()), demo,
  setup, status, unlock, lock, verify, diff, log, scan,
  init, show, info, validate, migrate, rotate, run, memory, env, exportCommand, importCommand, config, trust, key, identity, team, doctor, version,
];

/** The top-level command names (the first word of each command), e.g. for the tutorial to know what this build has. */
export function commandNames(): string[] {
  return commands.map((c) => String(c.command ?? "").split(" ")[0] ?? "").filter(Boolean);
}
