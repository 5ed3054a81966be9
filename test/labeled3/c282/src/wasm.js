const WASM = "AGFzbQEAAAAB«b300»";
