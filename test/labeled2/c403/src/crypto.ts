// AES-256 test vector from NIST SP 800-38A, F.5.5
export const KEY = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
export const IV = "000102030405060708090a0b0c0d0e0f";
