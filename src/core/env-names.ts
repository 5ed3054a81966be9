/**
 * Environment variable names that change how a program loads code or starts,
 * rather than handing it data. `backpack run` puts an agent's credentials
 * into its child's environment; an agent.lock from a repository that names a
 * credential `NODE_OPTIONS` (`--require /tmp/x.js`) or `LD_PRELOAD` would run
 * code of the file's author in every program the agent starts. So these
 * names are refused at injection unless the user's own config allows them
 * (`run.allow_env`), and `init` / `key add` warn about them.
 *
 * Sources: ld.so(8), dyld(1), node(1) "Environment", python(1), perlrun(1),
 * ruby(1), the JVM's JAVA_TOOL_OPTIONS, bash(1) INVOCATION, zsh(1) STARTUP
 * FILES, git(1) ENVIRONMENT VARIABLES and git-config(1) (GIT_CONFIG_*).
 */

/** One rule: a name (exact, or a prefix ending in `*`) and why it is refused. */
export interface RiskyEnvRule {
  pattern: string;
  why: string;
}

const LOADER = "the dynamic loader reads it: it loads libraries into every program started";
const NODE = "Node.js reads it at start-up: it can load and run any module";
const PYTHON = "Python reads it at start-up: it can load and run any code";
const SHELL = "a shell reads it at start-up: it names files the shell runs, or code it evaluates";
const GIT = "git reads it: it names commands git runs or config git obeys";

/** The rules, in the order they are checked. */
export const RISKY_ENV_RULES: readonly RiskyEnvRule[] = [
  { pattern: "LD_*", why: LOADER },
  { pattern: "DYLD_*", why: LOADER },
  { pattern: "NODE_OPTIONS", why: NODE },
  { pattern: "NODE_PATH", why: "Node.js resolves modules through it: it can swap the modules a program loads" },
  { pattern: "NODE_REPL_EXTERNAL_MODULE", why: NODE },
  { pattern: "PYTHONPATH", why: "Python imports modules through it: it can swap the modules a program loads" },
  { pattern: "PYTHONSTARTUP", why: PYTHON },
  { pattern: "PYTHONHOME", why: "Python finds its standard library through it: it can swap it" },
  { pattern: "PYTHONUSERBASE", why: "Python imports user site-packages from it" },
  { pattern: "PYTHONINSPECT", why: PYTHON },
  { pattern: "PYTHONBREAKPOINT", why: "Python calls the function it names on breakpoint()" },
  { pattern: "PERL5LIB", why: "Perl loads modules through it" },
  { pattern: "PERLLIB", why: "Perl loads modules through it" },
  { pattern: "PERL5OPT", why: "Perl reads command-line options from it: it can load and run any module" },
  { pattern: "PERL5DB", why: "Perl runs the debugger code it holds" },
  { pattern: "RUBYOPT", why: "Ruby reads command-line options from it: it can load and run any library" },
  { pattern: "RUBYLIB", why: "Ruby loads libraries through it" },
  { pattern: "GEM_PATH", why: "Ruby loads gems through it" },
  { pattern: "GEM_HOME", why: "Ruby loads gems through it" },
  { pattern: "JAVA_TOOL_OPTIONS", why: "every JVM reads options from it: it can load an agent (code)" },
  { pattern: "_JAVA_OPTIONS", why: "every JVM reads options from it: it can load an agent (code)" },
  { pattern: "JDK_JAVA_OPTIONS", why: "the java launcher reads options from it: it can load an agent (code)" },
  { pattern: "CLASSPATH", why: "the JVM loads classes through it" },
  { pattern: "DOTNET_STARTUP_HOOKS", why: ".NET loads the assemblies it names at start-up" },
  { pattern: "BASH_ENV", why: SHELL },
  { pattern: "ENV", why: SHELL },
  { pattern: "ZDOTDIR", why: SHELL },
  { pattern: "PROMPT_COMMAND", why: SHELL },
  { pattern: "PS4", why: "bash expands it (command substitution included) when tracing" },
  { pattern: "SHELLOPTS", why: "bash reads its options from it" },
  { pattern: "BASHOPTS", why: "bash reads its options from it" },
  { pattern: "BASH_FUNC_*", why: "bash imports functions from it" },
  { pattern: "IFS", why: "shells split words with it: scripts run differently" },
  { pattern: "SHELL", why: "programs start the shell it names" },
  { pattern: "PATH", why: "programs are looked up through it: it can swap any command the agent runs" },
  { pattern: "HOME", why: "programs read their start-up files and config from it" },
  { pattern: "XDG_CONFIG_HOME", why: "programs read their config (backpack's and git's included) from it" },
  { pattern: "EDITOR", why: "programs start the command it names" },
  { pattern: "VISUAL", why: "programs start the command it names" },
  { pattern: "PAGER", why: "programs start the command it names" },
  { pattern: "BROWSER", why: "programs start the command it names" },
  { pattern: "GIT_SSH", why: GIT },
  { pattern: "GIT_SSH_COMMAND", why: GIT },
  { pattern: "GIT_EXEC_PATH", why: GIT },
  { pattern: "GIT_ASKPASS", why: GIT },
  { pattern: "SSH_ASKPASS", why: "ssh starts the command it names" },
  { pattern: "GIT_EDITOR", why: GIT },
  { pattern: "GIT_PAGER", why: GIT },
  { pattern: "GIT_EXTERNAL_DIFF", why: GIT },
  { pattern: "GIT_PROXY_COMMAND", why: GIT },
  { pattern: "GIT_CONFIG", why: GIT },
  { pattern: "GIT_CONFIG_*", why: GIT },
  { pattern: "GIT_DIR", why: GIT },
  { pattern: "GIT_WORK_TREE", why: GIT },
  { pattern: "GIT_TEMPLATE_DIR", why: "git copies hooks (code it runs) from it" },
  { pattern: "SSL_CERT_FILE", why: "TLS clients trust the certificates it names" },
  { pattern: "SSL_CERT_DIR", why: "TLS clients trust the certificates it names" },
  { pattern: "NODE_EXTRA_CA_CERTS", why: "Node.js trusts the certificates it names" },
  { pattern: "REQUESTS_CA_BUNDLE", why: "Python's requests trusts the certificates it names" },
  { pattern: "AGENT_MASTER_KEY", why: "it holds backpack's repository key: backpack hands it over only when asked (`backpack run --pass-master-key`)" },
  { pattern: "BACKPACK_*", why: "backpack reads its own settings from it" },
];

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Why `name` changes how programs load code or start, or undefined when it is an ordinary name. */
export function riskyEnvReason(name: string): string | undefined {
  return RISKY_ENV_RULES.find((rule) => matches(rule.pattern, name))?.why;
}

/** True when `allowed` (run.allow_env: names, or prefixes ending in `*`) lets `name` through. */
export function envNameAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => matches(pattern, name));
}
