import { createServer } from "node:http";

const ghPat = "github_pat_«A22»_«A59»";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
