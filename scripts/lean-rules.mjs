// The scanner's rule tables as the git parts' bundles hold them (scripts/build.mjs): the same rules,
// with each rule's regular expression built on first use and without the examples the tests read.
//
// The pre-commit hook runs in a fresh Node process at every commit, and loading its bundle built all
// ~230 rules' regular expressions (pattern sources of about 46 KB, some assembled from fragments)
// and ~1,700 example strings, of which a commit uses a few: on a typical commit only the rules whose
// keywords occur in a staged file run (3 of 230 on the bench's 10 TypeScript files). The tables stay
// data in src/scan; this rewrites, in the sources being bundled for dist/git/ only:
//   - `pattern: EXPR` (a property of an object literal) into a getter that evaluates EXPR once, on
//     first read, and keeps the value as the object's own data property from then on;
//   - `examples: [...]` and `negatives: [...]`, and the arrays of an `examples: { ... }`, into `[]`
//     (test data: test/unit/scan-rules.test.ts reads them from the sources, never from a bundle).
// A rule whose pattern is not an object literal's `pattern:` property (a shorthand `pattern,`), or
// whose expression would mean something else inside a getter (`this`, `await`, ...), keeps it eager;
// the expressions are the tables' pure ones (a regular expression, assembled from constants). Nothing else changes: ids, keywords, validators and the order are the sources' own, and
// test/unit/lean-rules.test.ts holds the rewritten tables to the same findings as the sources'.
import ts from "typescript";

/** The files rewritten: the rule tables and what builds them. */
export const LEAN_RULE_FILES = ["src/scan/rules.ts", "src/scan/vendor-prefixes.ts", "src/scan/prefixed-tokens.ts"];

const EXAMPLE_NAMES = new Set(["examples", "negatives"]);

function propertyName(node) {
  return node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
}

/**
 * True when `expr` means the same inside a getter as where it stands: no `this`, `arguments`,
 * `await`, `yield` or `super` of its own (those of a function inside it are that function's).
 */
function movable(expr) {
  let ok = true;
  const visit = (node) => {
    if (!ok || ts.isFunctionLike(node) && !ts.isArrowFunction(node)) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword || ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isIdentifier(node) && node.text === "arguments")) {
      ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expr);
  return ok;
}

/**
 * `source` (TypeScript) with its rules' patterns made lazy and their examples emptied; `stats`
 * counts the rewrites (the build checks that the tables were found).
 */
export function leanRuleSource(source, fileName = "rules.ts") {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const stats = { patterns: 0, examples: 0 };
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const name = propertyName(node);
      const init = node.initializer;
      if (name === "pattern" && movable(init)) {
        const expr = init.getText(file);
        edits.push({
          start: node.getStart(file),
          end: node.getEnd(),
          text: `get pattern() { const value = (${expr}); Object.defineProperty(this, "pattern", { value, writable: true, enumerable: true, configurable: true }); return value; }`,
        });
        stats.patterns++;
        // The expression is moved whole, nested rules and all: nothing inside it is rewritten.
        return;
      }
      if (name !== undefined && EXAMPLE_NAMES.has(name)) {
        if (ts.isArrayLiteralExpression(init)) {
          edits.push({ start: init.getStart(file), end: init.getEnd(), text: "[]" });
          stats.examples++;
          return;
        }
        if (ts.isObjectLiteralExpression(init)) {
          for (const prop of init.properties) {
            if (ts.isPropertyAssignment(prop) && ts.isArrayLiteralExpression(prop.initializer)) {
              edits.push({ start: prop.initializer.getStart(file), end: prop.initializer.getEnd(), text: "[]" });
              stats.examples++;
            }
          }
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return { source: out, stats };
}

/** An esbuild plugin that bundles the rule tables (LEAN_RULE_FILES under `root`) as leanRuleSource rewrites them. */
export function leanRulesPlugin(root, { minimumPatterns = 100 } = {}) {
  return {
    name: "lean-rules",
    setup(b) {
      const filter = new RegExp(`(?:${LEAN_RULE_FILES.map((f) => f.replace(/[.]/g, "\\.").replace(/\//g, "[\\\\/]")).join("|")})$`);
      let patterns = 0;
      b.onStart(() => {
        patterns = 0;
      });
      b.onLoad({ filter }, async (args) => {
        const { readFileSync } = await import("node:fs");
        const { source, stats } = leanRuleSource(readFileSync(args.path, "utf8"), args.path);
        patterns += stats.patterns;
        return { contents: source, loader: "ts", resolveDir: args.path.replace(/[\\/][^\\/]*$/, "") };
      });
      b.onEnd((result) => {
        // A bundle that holds the rules must have found their patterns: a renamed property would
        // otherwise leave every rule eager without a word.
        if (result.errors.length === 0 && patterns > 0 && patterns < minimumPatterns) {
          result.errors.push({ text: `lean-rules: only ${patterns} rule patterns found in ${LEAN_RULE_FILES.join(", ")} under ${root}` });
        }
      });
    },
  };
}
