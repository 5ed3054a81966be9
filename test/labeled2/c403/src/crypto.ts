// AES-256 test vector from NIST SP 800-38A, F.5.5
export const KEY = "«doc:nist-sp800-38a-aes256-key»";
export const IV = "000102030405060708090a0b0c0d0e0f";
