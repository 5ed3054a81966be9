package utils

// Short ids shown in the UI: "key_" and eight characters.
const sample = "key_3f9a2b1c"
const sampleSecretPrefix = "sec_"
