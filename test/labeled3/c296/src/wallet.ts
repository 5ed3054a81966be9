export const TREASURY = "0x«h40»";
