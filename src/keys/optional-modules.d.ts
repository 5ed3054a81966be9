// keytar is an optional dependency: `npm ci` skips it where it cannot build (no libsecret
// headers), and the type check must pass all the same. keychain-source.ts declares the part
// of keytar's API it uses (Keytar) and casts to it, so this shorthand is all it needs.
declare module "keytar";
