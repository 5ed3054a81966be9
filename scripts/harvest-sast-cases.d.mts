/**
 * The role of each source by the SAST corpus' fixed rule: sources ordered by the SHA-256 of their
 * repository's name, evaluation ones first until they hold a third of the cases.
 */
export function assignRoles(counts: Record<string, number>, repos: Record<string, string>): Record<string, string>;
