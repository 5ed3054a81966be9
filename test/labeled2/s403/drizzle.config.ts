import { defineConfig } from "drizzle-kit";

export default defineConfig({ dialect: "postgresql", dbCredentials: { url: "postgresql://neondb_owner:npg_«A12»@ep-«l6»-«l6»-«a8».us-east-2.aws.neon.tech/neondb?sslmode=require" } });
