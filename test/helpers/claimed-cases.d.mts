/** A case of the claimed-families development corpus: a template placed in its file. */
export interface ClaimedCase {
  path: string;
  family: "slack" | "database" | "generic";
  label: "tp" | "fp";
  file: string;
  text: string;
}
/** Every case of the claimed-families development corpus. */
export function claimedCases(): ClaimedCase[];
/** The text scanned for a case: its template expanded, deterministically. */
export function expandClaimedCase(c: ClaimedCase): string;
