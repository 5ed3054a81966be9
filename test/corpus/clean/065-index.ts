import { createServer } from "node:http";

const publicKeyFingerprint = "SHA256:«b43»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
