export const ddApiKey = process.env.DD_API_KEY ?? "";
if (!ddApiKey) throw new Error("DD_API_KEY is not set");
