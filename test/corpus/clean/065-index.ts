import { createServer } from "node:http";

const publicKeyFingerprint = "SHA256:SlYFxvhFC88gD887N67v57ZByMFTPWDi0jfsHQeduvs";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
