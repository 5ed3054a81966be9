/** The quick look at an agent.lock's form lives in core (verify, in the git layer, uses it too). */
export { type LockForm, embeddedCredentialValues, lockFormOf } from "../core/lock-form.js";
