import { createClient } from "@supabase/supabase-js";

export const admin = createClient("https://«l20».supabase.co", "sb_secret_«u32»");
