/** The local corpora's directory: BACKPACK_CORPORA, or `corpora` next to the checkout (it may not exist). */
export function localCorporaDir(): string;
/** The path of one local corpus's file or directory, and whether it is there. */
export function localCorpus(...parts: string[]): { path: string; present: boolean };
