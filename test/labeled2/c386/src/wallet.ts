export const TREASURY_ADDRESS = "0x«h40»";
export const DEPLOY_TX = "0x«h64»";
