// Deterministic fake secrets for tests, the rules' examples and the labeled
// corpus. Nothing that looks like a real token is written in the source: text
// holds templates such as `ghp_«A36»`, expanded here from a seeded generator,
// so neither the project's own pre-commit scanner nor a host's push protection
// sees a token in the repository's source files.
//
// Template syntax: «<class><count>» with class
//   A [A-Za-z0-9]   a [a-z0-9]   U [A-Z0-9]   L [A-Za-z]   l [a-z]   C [A-Z]
//   h hex lower     H hex upper  d digits     b base64     u base64url   2 base32
//   Q bech32 upper  q bech32 lower (age identities and recipients)
// and named shapes: «jwt» (a JWT with HS256 header), «discord» (a Discord bot
// token: base64 of a numeric id . 6 . 38), «pem:LABEL» (a PEM block of 12 lines),
// «sshkey» (an OpenSSH private key block), «pemjson» (a PEM body with \n escapes,
// as in a service-account JSON), «kubepw» (a password in base64, as a Kubernetes
// Secret holds it), «der:KIND» (a key as bare base64 DER: pkcs1, pkcs8, sec1, sec1-p384, sec1-p521, spki, cert), «basicauth» (user:password in base64, as a Docker config's `auth`), and «doc:NAME» (a vendor's documented example
// value from src/scan/documented-examples.json, which the scanner must pass).

import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const DOCUMENTED = JSON.parse(readFileSync(new URL("../../src/scan/documented-examples.json", import.meta.url), "utf8"));

const CLASSES = {
  A: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  a: "abcdefghijklmnopqrstuvwxyz0123456789",
  U: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  L: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  C: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  l: "abcdefghijklmnopqrstuvwxyz",
  h: "0123456789abcdef",
  H: "0123456789ABCDEF",
  d: "0123456789",
  b: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  u: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  2: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  Q: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
  q: "qpzry9x8gf2tvdw0s3jn54khce6mua7l",
};

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function prng(seed) {
  let a = typeof seed === "number" ? seed >>> 0 : hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text) {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function draw(random, alphabet, count) {
  let out = "";
  for (let i = 0; i < count; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

const b64url = (text) => Buffer.from(text).toString("base64url");

function shape(name, arg, random) {
  switch (name) {
    case "jwt": {
      const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
      const payload = b64url(JSON.stringify({ sub: draw(random, CLASSES.d, 10), name: `user${draw(random, CLASSES.d, 4)}`, iat: 1700000000 + Math.floor(random() * 1e7) }));
      // «jwt:KEY» signs the token with HMAC-SHA256 under KEY (a published example key); «jwt» draws the signature.
      const signature = arg ? createHmac("sha256", arg).update(`${header}.${payload}`).digest("base64url") : draw(random, CLASSES.u, 43);
      return `${header}.${payload}.${signature}`;
    }
    case "kubepw": {
      // A random password as a Kubernetes Secret's data holds it: base64.
      return Buffer.from(`${draw(random, CLASSES.A, 9)}${draw(random, CLASSES.d, 2)}!`).toString("base64");
    }
    case "der": {
      // A key or certificate as bare base64 DER: the kind's first bytes, then random ones.
      const heads = {
        pkcs1: "308204a4020100028201010", // RSAPrivateKey: SEQUENCE, version 0, modulus
        pkcs8: "308204be020100300d06092a864886f70d0101010500048204a8", // PrivateKeyInfo: version 0, rsaEncryption
        sec1: "30770201010420", // ECPrivateKey: version 1, the 32-byte key
        "sec1-p384": "3081a40201010430", // ECPrivateKey on P-384: the 48-byte key
        "sec1-p521": "3081dc0201010442", // ECPrivateKey on P-521: the 66-byte key
        spki: "30820122300d06092a864886f70d01010105000382010f00", // SubjectPublicKeyInfo: no version
        cert: "30820300308202a8a003020102", // Certificate: SEQUENCE, SEQUENCE
      };
      const head = heads[arg] ?? heads.pkcs8;
      const size = { sec1: 114, "sec1-p384": 159, "sec1-p521": 215, spki: 270 }[arg] ?? 1180;
      const bytes = Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
      return Buffer.concat([Buffer.from(head.length % 2 ? `${head}0` : head, "hex"), bytes]).toString("base64");
    }
    case "basicauth": {
      // A user and a random password in base64, as a Docker config.json's `auth` or an .npmrc's `_auth` holds them.
      return Buffer.from(`deploy:${draw(random, CLASSES.A, 14)}${draw(random, CLASSES.d, 2)}!`).toString("base64");
    }
    case "discord": {
      const id = `${1 + Math.floor(random() * 9)}${draw(random, CLASSES.d, 17)}`;
      return `${Buffer.from(id).toString("base64").replace(/=+$/, "")}.${draw(random, CLASSES.u, 6)}.${draw(random, CLASSES.u, 38)}`;
    }
    case "pem": {
      const label = arg || "RSA PRIVATE KEY";
      const lines = [];
      for (let i = 0; i < 12; i++) lines.push(draw(random, CLASSES.b, 64));
      return `-----BEGIN ${label}-----\n${lines.join("\n")}\n${draw(random, CLASSES.b, 20)}==\n-----END ${label}-----`;
    }
    case "pemjson": {
      const lines = [];
      for (let i = 0; i < 10; i++) lines.push(draw(random, CLASSES.b, 64));
      return `-----BEGIN PRIVATE KEY-----\\n${lines.join("\\n")}\\n-----END PRIVATE KEY-----\\n`;
    }
    case "sshkey": {
      const lines = ["b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"];
      for (let i = 0; i < 6; i++) lines.push(draw(random, CLASSES.b, 70));
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----`;
    }
    case "doc": {
      const pieces = DOCUMENTED[arg];
      if (!Array.isArray(pieces)) throw new Error(`unknown documented example «doc:${arg}»`);
      return pieces.join("");
    }
    default:
      throw new Error(`unknown fake-secret shape «${name}»`);
  }
}

const TEMPLATE = /«([A-Za-z2])(\d+)»|«([a-z]+)(?::([^»]*))?»/g;

/**
 * Expands every «...» in `template` with characters drawn from a generator
 * seeded by `seed` (default: the template itself), so one template always
 * gives the same text.
 */
export function expandFake(template, seed = template) {
  const random = prng(seed);
  return template.replace(TEMPLATE, (_, cls, count, name, arg) => (cls ? draw(random, CLASSES[cls], Number(count)) : shape(name, arg, random)));
}

/** True when text still holds an unexpanded template. */
export function hasTemplate(text) {
  return /«[^»]+»/.test(text);
}
