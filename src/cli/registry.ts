/**
 * Every CLI command, one module each. Command modules stay thin: they parse
 * arguments, call into src/{git,keys,scan,run,files} and print; heavy modules
 * are imported inside handlers so start-up stays fast.
 */
import type { CommandModule } from "yargs";
import config from "./commands/config.js";
import init from "./commands/init.js";
import scan from "./commands/scan.js";
import show from "./commands/show.js";
import validate from "./commands/validate.js";
import version from "./commands/version.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [config, init, scan, show, validate, version];
