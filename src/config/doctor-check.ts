/**
 * The shape of a `backpack doctor` finding, and the part of doctor's context
 * that every check provider may read. It lives here, with its lowest user
 * (config/doctor-checks.ts); keys/doctor-context.ts adds the key sources, and
 * doctor/doctor.ts runs the providers.
 */
import type { KdfParams } from "../core/schema.js";

/** One finding. `ok: false` is a problem (doctor exits 1) unless `advisory`. */
export interface DoctorCheck {
  label: string;
  ok: boolean;
  /** One line: what was found (never a secret value or key). */
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
  /** A not-ok finding that does not fail doctor (e.g. no keychain on a headless machine). */
  advisory?: boolean;
}

/** Where doctor runs: the folder, the environment, and the repository around it (if any). */
export interface DoctorScope {
  cwd: string;
  env: NodeJS.ProcessEnv;
  repo: { root: string; commonDir: string; wired: boolean; keyFingerprint: string | undefined; kdf: KdfParams | undefined } | undefined;
}
