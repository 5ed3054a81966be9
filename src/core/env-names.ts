/**
 * Environment variable names that change how a program loads code or starts,
 * rather than handing it data. `backpack run` puts an agent's credentials
 * into its child's environment; an agent.lock from a repository that names a
 * credential `NODE_OPTIONS` (`--require /tmp/x.js`) or `LD_PRELOAD` would run
 * code of the file's author in every program the agent starts. So these
 * names are refused at injection unless the user's own config allows them
 * (`run.allow_env`), and `init` / `key add` warn about them.
 *
 * Names are matched without regard to case: Windows reads them so, and
 * several tools read a lower-case spelling too (`https_proxy`,
 * `npm_config_*`). Whole families are refused by prefix where every member is
 * the program's own configuration (GIT_*, PYTHON*, PERL*, RUBY*, LUA_*,
 * npm_config_*, YARN_*); a family that also holds ordinary credential names
 * (NODE_AUTH_TOKEN, BUNDLE_GEMS__HOST, CARGO_REGISTRY_TOKEN) is refused name
 * by name. A credential the user means (YARN_NPM_AUTH_TOKEN, GIT_TOKEN) is
 * one `run.allow_env` entry away.
 *
 * Besides code, two more ways a name turns an agent against its own
 * credentials: turning off TLS certificate checks, and routing the agent's
 * requests (with the API keys in them) through a proxy the file names.
 *
 * Sources: ld.so(8), dyld(1), node(1) "Environment", python(1), perlrun(1),
 * ruby(1), lua(1), php.ini's auto_prepend_file, openssl-config(5), iconv(3)
 * (GCONV_PATH), npm-config(7), the JVM's JAVA_TOOL_OPTIONS and the start
 * scripts' *_OPTS, .NET's CORECLR_* profiler, R's Startup, erl(1), cargo's
 * and go's build variables, less(1) LESSOPEN, bash(1) INVOCATION, zsh(1)
 * STARTUP FILES, git(1) ENVIRONMENT VARIABLES and git-config(1)
 * (GIT_CONFIG_*), curl(1) and the proxy variables every HTTP client reads.
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
const GIT = "git reads it: it names commands git runs, config git obeys, or files git writes";
const TLS = "it turns off or replaces the TLS certificate checks: anyone on the way reads the agent's requests, its API keys included";
const PROXY = "it sends the agent's requests, its API keys included, through the proxy it names";
const OPTS = "the program's start script passes it to the JVM: it can load an agent (code)";

/** The rules, in the order they are checked. */
export const RISKY_ENV_RULES: readonly RiskyEnvRule[] = [
  { pattern: "LD_*", why: LOADER },
  { pattern: "DYLD_*", why: LOADER },
  { pattern: "GCONV_PATH", why: "iconv loads shared objects from it: code in every program that converts text" },
  { pattern: "GLIBC_TUNABLES", why: "the C library reads it at start-up (CVE-2023-4911)" },
  { pattern: "LOCPATH", why: "the C library loads locale data from it" },
  { pattern: "NLSPATH", why: "the C library loads message catalogs from it" },
  { pattern: "MALLOC_*", why: "the C library's allocator reads it at start-up" },
  { pattern: "NODE_OPTIONS", why: NODE },
  { pattern: "NODE_PATH", why: "Node.js resolves modules through it: it can swap the modules a program loads" },
  { pattern: "NODE_REPL_EXTERNAL_MODULE", why: NODE },
  { pattern: "NODE_REDIRECT_WARNINGS", why: "Node.js writes its warnings to the file it names" },
  { pattern: "NODE_V8_COVERAGE", why: "Node.js writes coverage files into the folder it names" },
  { pattern: "NODE_COMPILE_CACHE", why: "Node.js writes and loads compiled code from the folder it names" },
  { pattern: "NODE_ICU_DATA", why: "Node.js loads ICU data from it" },
  { pattern: "NODE_TLS_REJECT_UNAUTHORIZED", why: TLS },
  { pattern: "NODE_EXTRA_CA_CERTS", why: TLS },
  { pattern: "npm_config_*", why: "npm reads its config from it (node-options, script-shell): it can run any code" },
  { pattern: "YARN_*", why: "yarn reads its config from it: it can run any code" },
  { pattern: "PNPM_*", why: "pnpm reads its config from it" },
  { pattern: "COREPACK_*", why: "corepack reads where to fetch package managers from it" },
  { pattern: "PYTHON*", why: PYTHON },
  { pattern: "PIP_*", why: "pip reads its config from it (index-url): it installs the packages a file's author picks" },
  { pattern: "UV_INDEX*", why: "uv installs packages from the index it names: the packages a file's author picks" },
  { pattern: "UV_EXTRA_INDEX_URL", why: "uv installs packages from the index it names: the packages a file's author picks" },
  { pattern: "UV_DEFAULT_INDEX", why: "uv installs packages from the index it names: the packages a file's author picks" },
  { pattern: "PERL*", why: "Perl reads it at start-up: it can load and run any module" },
  { pattern: "RUBY*", why: "Ruby reads it at start-up: it can load and run any library" },
  { pattern: "GEM_PATH", why: "Ruby loads gems through it" },
  { pattern: "GEM_HOME", why: "Ruby loads gems through it" },
  { pattern: "BUNDLE_GEMFILE", why: "Bundler runs the Gemfile it names (Ruby code)" },
  { pattern: "BUNDLE_PATH", why: "Bundler loads gems through it" },
  { pattern: "LUA_*", why: "Lua runs LUA_INIT as code and loads modules through LUA_PATH" },
  { pattern: "PHPRC", why: "PHP reads its php.ini from it (auto_prepend_file runs code)" },
  { pattern: "PHP_INI_SCAN_DIR", why: "PHP reads more php.ini files from it (auto_prepend_file runs code)" },
  { pattern: "TCLLIBPATH", why: "Tcl loads packages through it" },
  { pattern: "R_PROFILE*", why: "R runs the profile it names at start-up" },
  { pattern: "R_ENVIRON*", why: "R reads its start-up environment from it" },
  { pattern: "R_LIBS*", why: "R loads packages through it" },
  { pattern: "ERL_*", why: "the Erlang VM reads its flags from it: it can run any code" },
  { pattern: "ELIXIR_ERL_OPTIONS", why: "the Erlang VM reads its flags from it: it can run any code" },
  { pattern: "JULIA_*", why: "Julia reads its start-up and load paths from it" },
  { pattern: "JAVA_TOOL_OPTIONS", why: "every JVM reads options from it: it can load an agent (code)" },
  { pattern: "_JAVA_OPTIONS", why: "every JVM reads options from it: it can load an agent (code)" },
  { pattern: "JDK_JAVA_OPTIONS", why: "the java launcher reads options from it: it can load an agent (code)" },
  { pattern: "JAVA_OPTS", why: OPTS },
  { pattern: "JAVA_HOME", why: "start scripts run the java found under it" },
  { pattern: "MAVEN_OPTS", why: OPTS },
  { pattern: "GRADLE_OPTS", why: OPTS },
  { pattern: "SBT_OPTS", why: OPTS },
  { pattern: "ANT_OPTS", why: OPTS },
  { pattern: "CATALINA_OPTS", why: OPTS },
  { pattern: "KOTLIN_OPTS", why: OPTS },
  { pattern: "CLASSPATH", why: "the JVM loads classes through it" },
  { pattern: "DOTNET_STARTUP_HOOKS", why: ".NET loads the assemblies it names at start-up" },
  { pattern: "DOTNET_ADDITIONAL_DEPS", why: ".NET loads the assemblies it names at start-up" },
  { pattern: "CORECLR_*", why: ".NET loads the profiler (code) it names" },
  { pattern: "COR_*", why: ".NET Framework loads the profiler (code) it names" },
  { pattern: "OPENSSL_CONF", why: "OpenSSL reads it and loads the engines and providers (shared objects) it names" },
  { pattern: "OPENSSL_ENGINES", why: "OpenSSL loads engines (shared objects) from it" },
  { pattern: "OPENSSL_MODULES", why: "OpenSSL loads providers (shared objects) from it" },
  { pattern: "RUSTC_WRAPPER", why: "cargo runs the command it names" },
  { pattern: "RUSTC", why: "cargo runs the command it names" },
  { pattern: "CARGO_HOME", why: "cargo reads its config (runners and wrappers are commands it runs) from it" },
  { pattern: "CARGO_BUILD_*", why: "cargo reads its build config from it (a rustc wrapper is a command it runs)" },
  { pattern: "CARGO_TARGET_*", why: "cargo reads its target config from it (a runner is a command it runs)" },
  { pattern: "RUSTFLAGS", why: "cargo passes it to the compiler (linker arguments)" },
  { pattern: "GOFLAGS", why: "go passes it to every go command (-toolexec runs a command)" },
  { pattern: "GOPROXY", why: "go fetches modules from it" },
  { pattern: "CC", why: "build tools run the compiler it names" },
  { pattern: "CXX", why: "build tools run the compiler it names" },
  { pattern: "LDFLAGS", why: "build tools pass it to the linker" },
  { pattern: "MAKEFLAGS", why: "make reads its options from it" },
  { pattern: "BASH_ENV", why: SHELL },
  { pattern: "ENV", why: SHELL },
  { pattern: "ZDOTDIR", why: SHELL },
  { pattern: "PROMPT_COMMAND", why: SHELL },
  { pattern: "PS4", why: "bash expands it (command substitution included) when tracing" },
  { pattern: "SHELLOPTS", why: "bash reads its options from it" },
  { pattern: "BASHOPTS", why: "bash reads its options from it" },
  { pattern: "BASH_FUNC_*", why: "bash imports functions from it" },
  { pattern: "IFS", why: "shells split words with it: scripts run differently" },
  { pattern: "CDPATH", why: "cd looks folders up through it: scripts change into other folders" },
  { pattern: "SHELL", why: "programs start the shell it names" },
  { pattern: "PATH", why: "programs are looked up through it: it can swap any command the agent runs" },
  { pattern: "HOME", why: "programs read their start-up files and config from it" },
  { pattern: "TMPDIR", why: "programs write their temporary files into it" },
  { pattern: "XDG_CONFIG_HOME", why: "programs read their config (backpack's and git's included) from it" },
  { pattern: "XDG_CONFIG_DIRS", why: "programs read their config from it" },
  { pattern: "XDG_DATA_HOME", why: "programs read their data (and autostart entries) from it" },
  { pattern: "XDG_DATA_DIRS", why: "programs read their data from it" },
  { pattern: "EDITOR", why: "programs start the command it names" },
  { pattern: "VISUAL", why: "programs start the command it names" },
  { pattern: "PAGER", why: "programs start the command it names" },
  { pattern: "MANPAGER", why: "man starts the command it names" },
  { pattern: "MANOPT", why: "man reads options from it" },
  { pattern: "LESSOPEN", why: "less runs the command it names on every file it opens" },
  { pattern: "LESSCLOSE", why: "less runs the command it names" },
  { pattern: "LESSKEY*", why: "less reads key bindings (shell escapes) from it" },
  { pattern: "BROWSER", why: "programs start the command it names" },
  { pattern: "TERMINAL", why: "programs start the command it names" },
  { pattern: "SUDO_ASKPASS", why: "sudo starts the command it names" },
  { pattern: "SUDO_EDITOR", why: "sudo starts the command it names" },
  { pattern: "FCEDIT", why: "the shell starts the command it names" },
  { pattern: "SYSTEMD_PAGER", why: "systemd's tools start the command it names" },
  { pattern: "SYSTEMD_EDITOR", why: "systemd's tools start the command it names" },
  { pattern: "SSH_ASKPASS*", why: "ssh starts the command it names" },
  { pattern: "SSH_AUTH_SOCK", why: "ssh signs with the agent it names: the file's author's keys, or the connection to yours" },
  { pattern: "GIT_*", why: GIT },
  { pattern: "SSL_CERT_FILE", why: TLS },
  { pattern: "SSL_CERT_DIR", why: TLS },
  { pattern: "REQUESTS_CA_BUNDLE", why: TLS },
  { pattern: "CURL_CA_BUNDLE", why: TLS },
  { pattern: "AWS_CA_BUNDLE", why: TLS },
  { pattern: "NIX_SSL_CERT_FILE", why: TLS },
  { pattern: "HTTPLIB2_CA_CERTS", why: TLS },
  { pattern: "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", why: TLS },
  { pattern: "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", why: TLS },
  { pattern: "CURL_HOME", why: "curl reads its config (and so any option) from it" },
  { pattern: "WGETRC", why: "wget reads its config from it" },
  { pattern: "HTTP_PROXY", why: PROXY },
  { pattern: "HTTPS_PROXY", why: PROXY },
  { pattern: "ALL_PROXY", why: PROXY },
  { pattern: "FTP_PROXY", why: PROXY },
  { pattern: "NO_PROXY", why: "it changes which of the agent's requests go through a proxy" },
  { pattern: "HOSTALIASES", why: "the resolver reads host names from it: the agent's requests go to other hosts" },
  { pattern: "RES_OPTIONS", why: "the resolver reads its options from it" },
  { pattern: "LOCALDOMAIN", why: "the resolver searches the domains it names" },
  { pattern: "AGENT_MASTER_KEY", why: "it holds backpack's repository key: backpack hands it over only when asked (`backpack run --pass-master-key`)" },
  { pattern: "BACKPACK_*", why: "backpack reads its own settings from it" },
];

/** Without regard to case (see the module comment): `Path`, `https_proxy`, `NPM_CONFIG_X` match too. */
function matches(pattern: string, name: string): boolean {
  const p = pattern.toUpperCase();
  const n = name.toUpperCase();
  return p.endsWith("*") ? n.startsWith(p.slice(0, -1)) : n === p;
}

/** Why `name` changes how programs load code or start, or undefined when it is an ordinary name. */
export function riskyEnvReason(name: string): string | undefined {
  return RISKY_ENV_RULES.find((rule) => matches(rule.pattern, name))?.why;
}

/** True when `allowed` (run.allow_env: names, or prefixes ending in `*`) lets `name` through. */
export function envNameAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => matches(pattern, name));
}
