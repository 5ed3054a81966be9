export const publicKey = await crypto.subtle.exportKey("spki", pair.publicKey);
export const KEY_ALGORITHM = "ECDSA";
