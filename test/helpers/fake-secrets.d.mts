/** A seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number | string): () => number;
/** Expands every «...» template in `template`, deterministically for a given seed. */
export function expandFake(template: string, seed?: string): string;
/** True when text still holds an unexpanded template. */
export function hasTemplate(text: string): boolean;
