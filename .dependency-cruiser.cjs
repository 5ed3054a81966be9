/**
 * The house rules (ARCHITECTURE.md): data flows one way, down these layers.
 *
 *   cli, index                  top: the commands, the git entry, the library API
 *   runtime scan templates demo doctor   what the commands do
 *   git                         the git boundary and what works across a repository
 *   agent-file                  one agent.lock on disk (knows nothing of git)
 *   keys                        key sources and the vault
 *   config                      settings
 *   core                        the format and crypto: pure
 *   terminal                    questions and progress lines on a terminal
 *   io package                  files, locks, the environment; the installed package
 *   output                      everything a user reads: messages, errors, the log, the audit log
 *   errors                      the error type and exit codes
 *
 * A module may import its own folder and any folder below its layer, never one
 * above, never a sibling of its own layer (siblings stay independent), and never
 * in a circle. `npm test` runs these rules (test/unit/architecture.test.ts).
 */
const layers = [
  ["cli", "index.ts"],
  ["runtime", "scan", "templates", "demo", "doctor"],
  ["git"],
  ["agent-file"],
  ["keys"],
  ["config"],
  ["core"],
  ["terminal"],
  ["io", "package"],
  ["output"],
  ["errors"],
];

const folder = (name) => (name.endsWith(".ts") ? `^src/${name.replace(".", "\\.")}$` : `^src/${name}/`);
const anyOf = (names) => `(${names.map(folder).join("|")})`;

// For each layer: nothing in it imports a layer above it, or a sibling folder of its layer.
const layerRules = layers.flatMap((layer, depth) => {
  const above = layers.slice(0, depth).flat();
  return layer.map((name) => {
    const forbidden = [...above, ...layer.filter((other) => other !== name)];
    return forbidden.length === 0
      ? undefined
      : {
          name: `layers-down-only:${name.replace(/\.ts$/, "")}`,
          comment: `src/${name} may import only its own folder and the layers below it (see ARCHITECTURE.md)`,
          severity: "error",
          from: { path: folder(name) },
          to: { path: anyOf(forbidden) },
        };
  });
}).filter(Boolean);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "an import circle: the layers are a one-way street, inside a folder too",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "core-is-pure",
      comment: "src/core imports only src/core and the error types (src/errors): no other module of ours",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/", pathNot: "^src/(core|errors)/" },
    },
    {
      name: "core-does-no-io",
      comment: "src/core does no IO: no fs, child_process, net, http(s), readline, worker_threads, process-spawning or tty module",
      severity: "error",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"], path: "^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|dns|readline|tty|worker_threads|cluster|os)$" },
    },
    {
      name: "nothing-imports-the-cli",
      comment: "nothing below the CLI imports it (src/cli is the top; the library API src/index.ts is not the CLI either)",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "src-never-imports-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^dist/|\\.d\\.ts$)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js", ".json"] },
    moduleSystems: ["es6", "cjs"],
  },
};
