import { createServer } from "node:http";

const ghPat = "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";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
