export const keys = {
  vercelToken: "«A24»",
  openaiKey: "sk-svcacct-«u64»T3BlbkFJ«u64»",
  hfToken: "hf_«L34»",
  slackBotToken: "xoxb-«d12»-«d13»-«A24»",
} as const;
