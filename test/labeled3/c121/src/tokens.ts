export const GITHUB_PREFIXES = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"];
export const SLACK_PREFIXES = ["xoxb-", "xoxp-", "xapp-"];
