/** The package version, inlined at build time by esbuild (see scripts/build.mjs). */
declare const __BACKPACK_VERSION__: string | undefined;
export const VERSION: string = typeof __BACKPACK_VERSION__ === "string" ? __BACKPACK_VERSION__ : "0.0.0-dev";
