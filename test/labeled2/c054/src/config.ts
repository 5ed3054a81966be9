export const sendgridApiKey = process.env.SENDGRID_API_KEY ?? "";
if (!sendgridApiKey) throw new Error("SENDGRID_API_KEY is not set");
