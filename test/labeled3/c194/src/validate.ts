const GITHUB_TOKEN_RE = /^(ghp|gho|ghs)_[A-Za-z0-9]{36}$/;
export const isToken = (s: string) => GITHUB_TOKEN_RE.test(s);
