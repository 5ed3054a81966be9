/** The names `backpack run` refuses to inject (src/core/env-names.ts), and the ordinary ones it injects. */
import { describe, expect, it } from "vitest";
import { envNameAllowed, riskyEnvReason } from "../../src/core/env-names.js";

describe("riskyEnvReason", () => {
  // One or more per way a variable makes a program load code, trust a server, or send its requests elsewhere.
  const RISKY = [
    ...["LD_PRELOAD", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "GCONV_PATH", "GLIBC_TUNABLES", "MALLOC_CONF"],
    ...["NODE_OPTIONS", "NODE_PATH", "NODE_REDIRECT_WARNINGS", "NODE_V8_COVERAGE", "NODE_TLS_REJECT_UNAUTHORIZED", "npm_config_node_options", "NPM_CONFIG_SCRIPT_SHELL", "YARN_YARN_PATH"],
    ...["PYTHONPATH", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONHTTPSVERIFY", "PYTHONBREAKPOINT", "PIP_INDEX_URL", "UV_INDEX_URL"],
    ...["PERL5OPT", "PERL5LIB", "PERL_MB_OPT", "RUBYOPT", "RUBYLIB", "BUNDLE_GEMFILE", "LUA_INIT", "LUA_INIT_5_4", "LUA_PATH", "PHPRC", "PHP_INI_SCAN_DIR"],
    ...["R_PROFILE_USER", "ERL_AFLAGS", "JULIA_DEPOT_PATH", "TCLLIBPATH"],
    ...["JAVA_TOOL_OPTIONS", "JAVA_OPTS", "MAVEN_OPTS", "GRADLE_OPTS", "CLASSPATH", "DOTNET_STARTUP_HOOKS", "CORECLR_PROFILER_PATH", "COR_PROFILER_PATH"],
    ...["OPENSSL_CONF", "OPENSSL_MODULES", "RUSTC_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER", "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER", "GOFLAGS", "CC"],
    ...["BASH_ENV", "ENV", "PS4", "BASH_FUNC_x%%", "CDPATH", "PATH", "HOME", "TMPDIR", "XDG_DATA_DIRS"],
    ...["LESSOPEN", "MANPAGER", "SUDO_ASKPASS", "SSH_ASKPASS_REQUIRE", "SSH_AUTH_SOCK"],
    ...["GIT_SSH_COMMAND", "GIT_SEQUENCE_EDITOR", "GIT_SSL_NO_VERIFY", "GIT_TRACE", "GIT_CONFIG_KEY_0", "GIT_INDEX_FILE"],
    ...["SSL_CERT_FILE", "CURL_CA_BUNDLE", "CURL_HOME", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "http_proxy", "NO_PROXY", "HOSTALIASES"],
    ...["AGENT_MASTER_KEY", "BACKPACK_KEYCHAIN"],
  ];
  it.each(RISKY)("refuses %s with a reason", (name) => {
    expect(riskyEnvReason(name)).toMatch(/\w/);
  });

  it("matches without regard to case (Windows reads names so; proxies and npm read lower case)", () => {
    for (const name of ["Path", "ld_preload", "Node_Options", "git_ssh_command", "Https_Proxy"]) expect(riskyEnvReason(name), name).toBeDefined();
  });

  const ORDINARY = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "NODE_AUTH_TOKEN", "NPM_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN", "CARGO_REGISTRY_TOKEN", "BUNDLE_GEMS__EXAMPLE__COM", "UV_PUBLISH_TOKEN", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY", "CORE_API_KEY", "PATHWAY_TOKEN", "ENVIRONMENT", "HOMEPAGE_URL", "CCX_KEY", "SLACK_TOKEN"];
  it.each(ORDINARY)("lets %s through", (name) => {
    expect(riskyEnvReason(name)).toBeUndefined();
  });
});

describe("envNameAllowed (run.allow_env)", () => {
  it("allows a name or a prefix, without regard to case", () => {
    expect(envNameAllowed("https_proxy", ["HTTPS_PROXY"])).toBe(true);
    expect(envNameAllowed("LD_PRELOAD", ["LD_*"])).toBe(true);
    expect(envNameAllowed("LD_PRELOAD", ["LD_LIBRARY_PATH"])).toBe(false);
  });
});
