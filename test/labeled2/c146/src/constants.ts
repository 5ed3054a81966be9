export const GA_MEASUREMENT_ID = "G-«U10»";
export const SENTRY_RELEASE = "«h40»";
export const DISCORD_CHANNEL_ID = "«d19»";
