/** The `--file` option of commands that read or write one agent.lock. */
export const agentFileOption = {
  alias: "f",
  type: "string",
  default: "agent.lock",
  describe: "The agent.lock to use",
} as const;
