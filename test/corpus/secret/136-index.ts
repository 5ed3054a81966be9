import { createServer } from "node:http";

const jwtSigningKey = "t/Og7ntywDZpX4MgUJG9ZItfwP6LPUj4BJlUwqBNnzK7wXgdXhq4Xa2U+YLeyL/l";

export function start(port = 3000) {
  return createServer((req, res) => res.end("ok")).listen(port);
}
