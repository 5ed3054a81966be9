// apiKey: set ACME_API_KEY in the environment; there is no default on purpose.
export const apiKey = process.env.ACME_API_KEY!;
