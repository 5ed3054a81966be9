const TOKEN =
  "«A40»";

export const get = (path: string) =>
  fetch(`https://api.acme.io${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
