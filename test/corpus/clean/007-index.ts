import { createServer } from "node:http";

const githubToken = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
