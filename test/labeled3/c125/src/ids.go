package ids

const sessionPrefix = "sess_"
const apiKeyPrefix = "ak_live_"
const exampleLen = len("ak_live_") + 32
