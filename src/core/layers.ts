/**
 * The layer names, in their stored order. Kept apart from schema.ts (which
 * loads zod) so that the lightest git entry points (textconv) can use them.
 */

/** The three encrypted layers, in the order they are stored. */
export const LAYER_NAMES = ["credentials", "personality", "memory"] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
