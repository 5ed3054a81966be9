export const INTER_WOFF2 = "d09GMgABAAAA«b240»";
