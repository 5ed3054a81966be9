/**
 * Credential files named by their path: a file a tool writes to hold one credential, whose whole content is
 * that value with no name in front of it (the Hugging Face CLI's `~/.cache/huggingface/token`, Vault's
 * `~/.vault-token`, a Kubernetes service account's `serviceaccount/token`, a Compose secret's
 * `secrets/db_password.txt`), or OpenVPN's `auth-user-pass` file (a user name on the first line, the password on
 * the second). No rule reads a value that no name precedes; the path names it instead. The value is judged as the
 * generic rules judge one under the name the path gives (placeholders, references, stock passwords and words pass).
 * The other credential files of this class name their values inside (`.git-credentials`' URL, `.netrc`'s
 * `password`, `~/.aws/credentials`' `aws_secret_access_key`, `~/.docker/config.json`'s `auth`, a key file's PEM
 * armour): the pattern rules read those. Pure: the path comes with the text.
 */
import { isPasswordValue, isSecretValueFor } from "./rules.js";

/** A value found in a credential file, at [start, end) of the text, with the name to suggest. */
export interface CredentialFileValue {
  start: number;
  end: number;
  name: string;
}

/** The most a credential file of this class holds: one value (a JWT of a service account runs to 1 to 2 KB). */
const MAX_LENGTH = 8192;

/** A file that holds one token: its name to suggest, or undefined. */
function tokenFileName(path: string): string | undefined {
  if (/(?:^|\/)(?:\.cache\/|\.)huggingface\/token$/.test(path)) return "HF_TOKEN";
  if (/(?:^|\/)\.vault-token$/.test(path)) return "VAULT_TOKEN";
  if (/(?:^|\/)serviceaccount\/token$/.test(path)) return "KUBERNETES_TOKEN";
  // rsync's `--password-file` (`rsync.pass`, `.rsync-password`, `rsync_passwd.txt`).
  if (/(?:^|\/)\.?rsync[._-]?(?:pass|password|passwd|pwd)(?:\.txt)?$/i.test(path)) return "RSYNC_PASSWORD";
  // A Compose or Swarm secret's file, named by the secret (`secrets/db_password.txt`, `run/secrets/api_key`).
  const secret = /(?:^|\/)secrets\/([A-Za-z][\w.-]{0,60}?)(?:\.txt)?$/.exec(path)?.[1];
  if (secret !== undefined && /(?:^|[_.-])(?:pass(?:word|wd)?|pwd|token|secret|api[_.-]?key|credentials?)$/i.test(secret)) return secret.toUpperCase().replace(/[.-]/g, "_");
  return undefined;
}

/** OpenVPN's `auth-user-pass` file: so named, or a file of logins in a VPN's folder (`openvpn/auth.txt`). */
function isOpenVpnAuthFile(path: string): boolean {
  if (/(?:^|\/)auth-user-pass(?:\.txt)?$/i.test(path)) return true;
  return /(?:^|\/)\.?(?:open)?vpn\/(?:[\w.-]+\/)?(?:auth|login|creds?|credentials|pass(?:word)?s?|userpass)(?:\.(?:txt|conf|cfg))?$/i.test(path);
}

/** rsync's daemon secrets file (`secrets file = /etc/rsyncd.secrets` in rsyncd.conf): `user:password` lines. */
const isRsyncSecretsFile = (path: string): boolean => /(?:^|\/)rsyncd?\.secrets?$/i.test(path);

/** Kaggle's API token file, `~/.kaggle/kaggle.json` or `~/.config/kaggle/kaggle.json`. */
const isKaggleFile = (path: string): boolean => /(?:^|\/)kaggle\.json$/i.test(path);

/** The lines of a short text with their offsets, the `\r` of a Windows line end left out; blank lines dropped. */
function contentLines(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() !== "") out.push({ start: offset, text: line });
    offset += raw.length + 1;
  }
  return out;
}

/** True for a path this reader reads (checked before the text is split). */
export function isCredentialFile(path: string): boolean {
  return tokenFileName(path) !== undefined || isOpenVpnAuthFile(path) || isRsyncSecretsFile(path) || isKaggleFile(path);
}

/** The credential of a file named by its path whose content is that value alone; [] for any other content. */
export function credentialFileValues(path: string, text: string): CredentialFileValue[] {
  if (text.length > MAX_LENGTH) return [];
  const lines = contentLines(text);
  const token = tokenFileName(path);
  if (token !== undefined) {
    const only = lines.length === 1 ? lines[0] : undefined;
    if (!only || !/^[ \t]*\S+[ \t]*$/.test(only.text)) return [];
    const value = only.text.trim();
    const start = only.start + only.text.indexOf(value);
    const judged = /PASS|PWD/.test(token) ? isPasswordValue(value) : isSecretValueFor(value, { name: "token", keyword: "token", quote: '"' });
    return judged ? [{ start, end: start + value.length, name: token }] : [];
  }
  if (isOpenVpnAuthFile(path)) {
    // A user name alone on the first line, the password alone on the second.
    const [user, pass] = lines;
    if (lines.length !== 2 || !user || !pass || !/^[\w.@+-]{1,64}$/.test(user.text.trim()) || !/^[ \t]*\S+[ \t]*$/.test(pass.text)) return [];
    const value = pass.text.trim();
    if (value === user.text.trim() || !isPasswordValue(value)) return [];
    const start = pass.start + pass.text.indexOf(value);
    return [{ start, end: start + value.length, name: "VPN_PASSWORD" }];
  }
  if (isRsyncSecretsFile(path)) {
    // Every line a user (or `@group`) and a password; comments and blank lines aside. Any other line: not this file.
    const entries = lines.filter((line) => !/^[ \t]*#/.test(line.text));
    const found: CredentialFileValue[] = [];
    for (const line of entries) {
      const entry = /^([ \t]*@?[\w.-]{1,64}:)(\S+)[ \t]*$/.exec(line.text);
      if (!entry?.[1] || !entry[2]) return [];
      if (!isPasswordValue(entry[2])) continue;
      const start = line.start + entry[1].length;
      found.push({ start, end: start + entry[2].length, name: "RSYNC_PASSWORD" });
    }
    return found;
  }
  if (isKaggleFile(path)) return kaggleKey(text);
  return [];
}

/** `{"username":"…","key":"…"}`: the key, judged as a key under its own name; anything else in the file: nothing. */
function kaggleKey(text: string): CredentialFileValue[] {
  const field = /^\s*\{\s*(?:"username"\s*:\s*"[\w.-]{1,64}"\s*,\s*)?"key"\s*:\s*"([^"\\\s]{1,256})"\s*(?:,\s*"username"\s*:\s*"[\w.-]{1,64}"\s*)?\}\s*$/d.exec(text);
  const value = field?.[1];
  const at = field?.indices?.[1];
  if (value === undefined || at === undefined || !isSecretValueFor(value, { name: "api_key", keyword: "key", quote: '"' })) return [];
  return [{ start: at[0], end: at[1], name: "KAGGLE_KEY" }];
}
