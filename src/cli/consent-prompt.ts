/** The consent question `backpack run` asks for each vault credential. */
import type { ConsentAnswer } from "../runtime/plan.js";
import { askChoice } from "./terminal-prompt.js";

/** Asks whether the agent may use one credential from the vault: yes, no or always. */
export function askConsent(question: { name: string; agent: string }): ConsentAnswer | undefined {
  return askChoice<ConsentAnswer>(
    `${question.agent} wants ${question.name} from your vault. Allow? [y]es / [n]o / [a]lways:`,
    [
      { word: "yes", value: "yes" },
      { word: "no", value: "no" },
      { word: "always", value: "always" },
    ],
  );
}
