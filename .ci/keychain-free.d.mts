/** For every test file under root/test: the chain of modules from it to the first that may reach a keychain module (its reason last), or null. */
export function keychainReach(root: string): Map<string, string[] | null>;
/** The test files CI's keychain pass leaves out (root-relative, sorted): the import check's, and the end-to-end files that do not declare why they need the keychain. */
export function leftOutOfKeychainPass(root: string): string[];
