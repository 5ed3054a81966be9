import { Redis } from "@upstash/redis";

export const redis = new Redis({ url: "https://«l12»-«d5».upstash.io", token: "A«A59»=" });
