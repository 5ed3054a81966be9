/** For every test file under root/test: the chain of modules from it to the first that may reach a keychain module (its reason last), or null. */
export function keychainReach(root: string): Map<string, string[] | null>;
