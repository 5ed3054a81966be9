/** Shape name → (n) => text of n characters. */
export declare const ADVERSARIAL: Record<string, (n: number) => string> & { "tokentoken…": (n: number) => string };
