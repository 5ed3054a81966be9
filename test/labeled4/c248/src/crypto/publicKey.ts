export const publicKeyAlgorithm = "ECDSA";
export const publicKeyFormat = "spki";
export const secretKeyLength = 32;
export const passwordHashAlgorithm = "argon2id";
