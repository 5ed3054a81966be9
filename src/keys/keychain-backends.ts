/**
 * The two native modules that reach the OS keychain, behind one small
 * interface: keytar (archived upstream; built from source where its prebuilt
 * download is unreachable, which needs libsecret's headers on Linux) and
 * @napi-rs/keyring (maintained; its binaries ship inside per-platform npm
 * packages, so it installs without a compiler). Both are optional
 * dependencies: each is imported by a name held in a variable, so neither the
 * type check nor the bundler needs it installed, and the shapes below are our
 * own declaration of the little we use.
 */

/** What the keychain source needs of a native module; accounts and service as keytar names them. */
export interface KeychainBackend {
  /** The npm package: "keytar" or "@napi-rs/keyring". */
  readonly name: KeychainBackendName;
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /**
   * Account names the service holds (values are read and dropped at once);
   * undefined where the module cannot list safely (keytar on Linux, below).
   */
  findAccounts?: (service: string) => Promise<string[]>;
}

export type KeychainBackendName = "keytar" | "@napi-rs/keyring";

/** The backends in the order they are tried: keytar first, see DESIGN.md and docs/keys.md for the measurement behind it. */
export const KEYCHAIN_BACKENDS: readonly KeychainBackendName[] = ["keytar", "@napi-rs/keyring"];

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

interface NapiEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

interface NapiKeyringModule {
  AsyncEntry: new (service: string, username: string, options?: { linux?: { store?: "secret-service" | "keyutils" } }) => NapiEntry;
  findCredentialsAsync(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** import() by a name in a variable: TypeScript and esbuild leave it to run time (no TS2307 without the module). */
async function importOptional(specifier: string): Promise<unknown> {
  const mod = (await import(specifier)) as { default?: unknown };
  return mod.default ?? mod;
}

function fromKeytar(keytar: KeytarModule): KeychainBackend {
  return {
    name: "keytar",
    getPassword: (service, account) => keytar.getPassword(service, account),
    setPassword: (service, account, password) => keytar.setPassword(service, account, password),
    deletePassword: (service, account) => keytar.deletePassword(service, account),
    // On Linux keytar's findCredentials crashes the process (a segmentation fault: it copies the
    // `account` attribute of every item of the service, and an item @napi-rs/keyring wrote has
    // `username` instead). So it never runs there; the vault keeps an index of its names anyway.
    ...(process.platform === "linux" ? {} : { findAccounts: async (service: string) => (await keytar.findCredentials(service)).map((c) => c.account) }),
  };
}

function fromNapiKeyring(keyring: NapiKeyringModule): KeychainBackend {
  // On Linux the module falls back, silently, to the kernel's keyutils store when
  // no Secret Service answers: kept in memory only, so keys would be gone at the
  // next reboot. Pinned to the Secret Service, it fails instead and backpack
  // falls through to the file store, which lasts.
  const entry = (service: string, account: string) => new keyring.AsyncEntry(service, account, { linux: { store: "secret-service" } });
  return {
    name: "@napi-rs/keyring",
    getPassword: (service, account) => entry(service, account).getPassword(),
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deletePassword(),
    findAccounts: async (service) => (await keyring.findCredentialsAsync(service)).map((c) => c.account),
  };
}

/** Loads one backend; a one-line reason when its module is not installed or does not load. */
export async function loadKeychainBackend(name: KeychainBackendName): Promise<KeychainBackend | { reason: string }> {
  try {
    if (name === "keytar") return fromKeytar((await importOptional("keytar")) as KeytarModule);
    return fromNapiKeyring((await importOptional("@napi-rs/keyring")) as NapiKeyringModule);
  } catch {
    return { reason: name === "keytar" ? "keytar is not installed (on Linux it builds against libsecret)" : "@napi-rs/keyring is not installed for this platform" };
  }
}

/**
 * The backends BACKPACK_KEYCHAIN allows, in order: `keytar` or `keyring` names
 * one; anything else but `off` (unset, `on`, `auto`) allows both.
 */
export function allowedBackends(setting: string | undefined): readonly KeychainBackendName[] {
  if (setting === "keytar") return ["keytar"];
  if (setting === "keyring" || setting === "@napi-rs/keyring") return ["@napi-rs/keyring"];
  return KEYCHAIN_BACKENDS;
}
