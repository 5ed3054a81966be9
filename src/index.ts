/**
 * The library API for agents written in TypeScript/JavaScript, and the pure
 * format functions for tools. No yargs here.
 */
export { loadAgent, saveMemory, updateMemory } from "./runtime/library.js";
export type { Agent, AgentFileOptions, LoadAgentOptions, MemoryUpdater } from "./runtime/library.js";
export type { CredentialSource } from "./runtime/credentials.js";
export { BackpackError, EXIT_CODES, isBackpackError } from "./errors/errors.js";
export * from "./core/schema.js";
export {
  type ParsedAgentLock,
  parseAgentLock,
  serializeWorkingForm,
  serializeStoredForm,
  encryptWorkingForm,
  decryptStoredForm,
  emptyWorkingForm,
} from "./core/agent-lock.js";
export { jsonSchemas } from "./core/json-schema.js";
export { type LayerKey, type RepoKey, newRepoKey, exportRepoKey, parseExportedKey } from "./core/key-material.js";
export type { SealedLayer, SealedLayers } from "./core/sealed.js";
export type { PreviousTokens } from "./core/encrypt.js";
export type { Slot } from "./core/crypto.js";
