export const PREFIXES = { github: "ghp_", gitlab: "glpat-", slack: "xoxb-", stripe: "sk_live_", openai: "sk-proj-" };
