const SALT_LEN: usize = 16;
const NONCE: [u8; 12] = [0u8; 12];
