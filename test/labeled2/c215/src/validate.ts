const OPENAI_KEY = /^sk-(proj-)?[A-Za-z0-9_-]{20,}$/;

export function looksLikeKey(value: string): boolean {
  return OPENAI_KEY.test(value);
}
