/**
 * A key per layer (teams, issue #13 "Access per layer"): a member who holds
 * the file key and only some layer keys opens those layers, sees the others
 * sealed, and writes the file back with the sealed tokens byte for byte and
 * a fresh integrity line; the merge treats a sealed layer as opaque.
 */
import { describe, expect, it } from "vitest";
import { decryptStoredForm, encryptWorkingForm, parseAgentLock, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { encryptConflictText } from "../../src/core/encrypt.js";
import { type RepoKey, newFileId, newRepoKey } from "../../src/core/key-material.js";
import { mergeWorkingForms, resolveMerge } from "../../src/core/merge.js";
import type { StoredForm, WorkingForm } from "../../src/core/schema.js";
import { decryptConflictText, readStoredForm, storedToWorkingText } from "../../src/core/stored-form.js";
import { readWorkingForm } from "../../src/core/working-form.js";
import { failureOf } from "../helpers/errors.js";

const fileKey = newRepoKey(Buffer.alloc(32, 1));
const credKey = newRepoKey(Buffer.alloc(32, 2));
const persKey = newRepoKey(Buffer.alloc(32, 3));
const memKey = newRepoKey(Buffer.alloc(32, 4));
const ID = newFileId(Buffer.alloc(16, 9));
const SECRET = "sk-live-0123456789abcdef";

function keyFor(layers: { credentials?: boolean; personality?: boolean; memory?: boolean }): RepoKey {
  const entry = (k: RepoKey, held: boolean | undefined, readers: string[]) => ({ fingerprint: k.fingerprint, ...(held ? { key: k.key } : {}), readers });
  return {
    ...fileKey,
    layers: {
      credentials: entry(credKey, layers.credentials, ["alice"]),
      personality: entry(persKey, layers.personality, ["alice", "bob"]),
      memory: entry(memKey, layers.memory, ["alice", "bob"]),
    },
  };
}
const alice = keyFor({ credentials: true, personality: true, memory: true });
const bob = keyFor({ personality: true, memory: true });

function doc(tone: string, memory: Record<string, string> = { fact: "x" }): WorkingForm {
  return { version: 2, id: ID, agent: { name: "bot" }, credentials: { API_KEY: { source: "embedded", value: SECRET } }, personality: { tone }, memory };
}

const stored = (d: WorkingForm, k: RepoKey): StoredForm => readStoredForm(serializeStoredForm(encryptWorkingForm(d, k))) as StoredForm;

describe("a key per layer", () => {
  it("names each layer's key in the header, and a full reader opens every layer", () => {
    const s = stored(doc("calm"), alice);
    expect(s.version === 3 && s.keys).toEqual({ credentials: credKey.fingerprint, personality: persKey.fingerprint, memory: memKey.fingerprint });
    expect(s.key).toBe(fileKey.fingerprint);
    expect(decryptStoredForm(s, alice)).toEqual(doc("calm"));
  });

  it("a partial reader sees the credentials sealed, with the token and who can open it, never the value", () => {
    const s = stored(doc("calm"), alice);
    const text = storedToWorkingText(s, bob);
    expect(text).not.toContain(SECRET);
    const json = JSON.parse(text);
    expect(json.credentials).toEqual({ $sealed: s.layers.credentials, key: credKey.fingerprint, readers: ["alice"] });
    expect(json.personality).toEqual({ tone: "calm" });
  });

  it("clean keeps the sealed token byte for byte: clean(smudge(blob)) == blob for a partial reader", () => {
    const blob = serializeStoredForm(encryptWorkingForm(doc("calm"), alice));
    const working = storedToWorkingText(readStoredForm(blob) as StoredForm, bob);
    const back = readWorkingForm(working) as WorkingForm;
    expect(serializeStoredForm(encryptWorkingForm(back, bob))).toBe(blob);
    // The zod path reads the same document.
    const parsed = parseAgentLock(working);
    expect(parsed.form === "working" && parsed.doc.sealed?.credentials?.token).toBe(back.sealed?.credentials?.token);
  });

  it("a partial reader's edit keeps the sealed layer, recomputes the integrity line, and the full reader opens it all", () => {
    const s = stored(doc("calm"), alice);
    const edited = readWorkingForm(storedToWorkingText(s, bob)) as WorkingForm;
    edited.personality = { tone: "brisk" };
    const next = stored(edited, bob);
    expect(next.layers.credentials).toBe(s.layers.credentials);
    expect(next.version === 3 && next.mac).not.toBe(s.version === 3 && s.mac);
    expect(decryptStoredForm(next, alice)).toEqual(doc("brisk"));
  });

  it("a layer in plaintext without its key is refused (NO_KEY), and a sealed layer in a single-key file is refused", () => {
    expect(failureOf(() => encryptWorkingForm(doc("calm"), bob)).code).toBe("NO_KEY");
    const edited = readWorkingForm(storedToWorkingText(stored(doc("calm"), alice), bob)) as WorkingForm;
    expect(failureOf(() => encryptWorkingForm(edited, fileKey)).code).toBe("INVALID_FILE");
  });

  it("a forged sealed token passes bob's clean (he cannot tell) but fails the full reader's open (TAMPERED)", () => {
    const edited = readWorkingForm(storedToWorkingText(stored(doc("calm"), alice), bob)) as WorkingForm;
    const other = stored({ ...doc("calm"), credentials: {} }, alice);
    // An older (or another) token of the same layer of the same file: the integrity line accepts it.
    (edited.sealed as NonNullable<WorkingForm["sealed"]>).credentials = { token: other.layers.credentials, key: credKey.fingerprint };
    expect(decryptStoredForm(stored(edited, bob), alice).credentials).toEqual({});
    // A damaged token: the reader's open says TAMPERED.
    const token = other.layers.credentials;
    (edited.sealed as NonNullable<WorkingForm["sealed"]>).credentials = { token: `${token.slice(0, -4)}AAAA`, key: credKey.fingerprint };
    expect(failureOf(() => decryptStoredForm(stored(edited, bob), alice)).code).toBe("TAMPERED");
  });

  it("a damaged placeholder is refused by name, and the working text shows sealed layers visibly", () => {
    const text = storedToWorkingText(stored(doc("calm"), alice), bob);
    const broken = text.replace('"key": "', '"key": "zz');
    expect(readWorkingForm(broken)).toBeUndefined();
    expect(failureOf(() => parseAgentLock(broken)).message).toMatch(/credentials layer .* damaged sealed layer/);
    expect(serializeWorkingForm(readWorkingForm(text) as WorkingForm)).toBe(text);
  });

  it("the conflict line opens only for who holds every layer key the merger held", () => {
    const conflict = encryptConflictText("marked up", alice, ID);
    expect(decryptConflictText(conflict, alice)).toBe("marked up");
    expect(failureOf(() => decryptConflictText(conflict, bob)).code).toBe("NO_KEY");
    const bobs = encryptConflictText("bob's", bob, ID);
    expect(decryptConflictText(bobs, bob)).toBe("bob's");
  });
});

describe("the merge with sealed layers", () => {
  const base = readWorkingForm(storedToWorkingText(stored(doc("calm"), alice), bob)) as WorkingForm;
  const changedCredentials = readWorkingForm(
    storedToWorkingText(stored({ ...doc("calm"), credentials: { API_KEY: { source: "vault" } } }, alice), bob),
  ) as WorkingForm;

  it("same on both sides: kept; changed on one side: taken whole; readable layers merge as usual", () => {
    const ours = { ...base, personality: { tone: "brisk" } };
    const r = mergeWorkingForms(base, ours, changedCredentials);
    expect(r.conflicts).toEqual([]);
    const merged = resolveMerge(r, "ours");
    expect(merged.sealed?.credentials?.token).toBe(changedCredentials.sealed?.credentials?.token);
    expect(merged.personality).toEqual({ tone: "brisk" });
    expect(mergeWorkingForms(base, ours, base).conflicts).toEqual([]);
  });

  it("changed on both sides: one conflict on the whole layer", () => {
    const other = readWorkingForm(
      storedToWorkingText(stored({ ...doc("calm"), credentials: { OTHER: { source: "vault" } } }, alice), bob),
    ) as WorkingForm;
    const r = mergeWorkingForms(base, changedCredentials, other);
    expect(r.conflicts.map((c) => c.path)).toEqual([["credentials"]]);
    expect(resolveMerge(r, "theirs").sealed?.credentials?.token).toBe(other.sealed?.credentials?.token);
  });
});
