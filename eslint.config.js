import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test/fixtures-corpus/", "test/corpus/", "test/fp-corpus/", "test/labeled2/", "test/labeled3/", "test/labeled4/", "templates/**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // bin/ is CommonJS (bin/package.json): git's entry starts without the ESM loader.
    files: ["bin/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Everything a user reads passes through src/output (messages, errors, the log), where
    // redaction and the sanitizer of text from data live: nothing else writes to the terminal.
    files: ["src/**/*.ts"],
    ignores: ["src/output/**"],
    rules: {
      "no-console": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='write'][callee.object.object.name='process'][callee.object.property.name=/^std(out|err)$/]",
          message: "print through src/output (say, emit, note, warnWithHint, log)",
        },
      ],
    },
  },
  {
    // .dependency-cruiser.cjs and other CommonJS config files.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    // The pure core does no IO and reads no process state. Its imports are checked by the
    // house rules (.dependency-cruiser.cjs); the global `process` only a linter can see.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "process"],
    },
  },
);
