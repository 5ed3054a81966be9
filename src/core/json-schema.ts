/** JSON Schemas generated from the zod schemas; shipped in schema/. */
import { z } from "zod";
import { storedFormSchema, workingFormSchema } from "./schema.js";

export function jsonSchemas(): { working: unknown; stored: unknown } {
  return {
    working: { $id: "https://backpack.dev/schema/agent-lock.working.json", title: "agent.lock (working form, version 2)", ...z.toJSONSchema(workingFormSchema, { unrepresentable: "any" }) },
    stored: { $id: "https://backpack.dev/schema/agent-lock.stored.json", title: "agent.lock (stored form, version 2)", ...z.toJSONSchema(storedFormSchema, { unrepresentable: "any" }) },
  };
}
