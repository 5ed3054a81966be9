/** What doctor's check providers from the key layer up are given: the scope plus the key sources in force. */
import type { KeySettings } from "../config/effective.js";
import type { DoctorScope } from "../config/doctor-check.js";
import type { KeySource } from "./key-source.js";
import type { KeyResolver } from "./resolver.js";

/** Where doctor runs, with the key sources and settings there. */
export interface DoctorContext extends DoctorScope {
  sources: KeySource[];
  resolver: KeyResolver;
  /** master_key_env, keychain_service and the kdf cost in force here. */
  settings: KeySettings;
}
