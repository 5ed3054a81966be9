import type { Plugin } from "esbuild";
/** The files rewritten: the rule tables and what builds them. */
export const LEAN_RULE_FILES: readonly string[];
/** `source` with its rules' patterns made lazy (built on first read) and their examples emptied; `stats` counts the rewrites. */
export function leanRuleSource(source: string, fileName?: string): { source: string; stats: { patterns: number; examples: number } };
/** An esbuild plugin that bundles the rule tables as leanRuleSource rewrites them. */
export function leanRulesPlugin(root: string, options?: { minimumPatterns?: number }): Plugin;
