/** JSON Schemas generated from the zod schemas; shipped in schema/. */
import { z } from "zod";
import { conflictFormSchema, storedFormSchema, workingFormSchema } from "./schema.js";

/** The JSON Schemas of agent.lock's working form and of its encrypted forms, as shipped in schema/. */
export function jsonSchemas(): {
  /** The working form (what you edit). */
  working: unknown;
  /** The stored form and the conflict form (what git keeps). */
  stored: unknown;
} {
  // The stored schema covers both encrypted forms: the stored form, and the conflict form an unresolved merge leaves.
  const encrypted = z.union([storedFormSchema, conflictFormSchema.describe("an unresolved merge: the marked-up text, encrypted")]);
  return {
    working: { $id: "https://backpack.dev/schema/agent-lock.working.json", title: "agent.lock (working form, version 2)", ...z.toJSONSchema(workingFormSchema, { unrepresentable: "any" }) },
    stored: { $id: "https://backpack.dev/schema/agent-lock.stored.json", title: "agent.lock (stored form, version 3; version 2 is read)", ...z.toJSONSchema(encrypted, { unrepresentable: "any" }) },
  };
}
