import http from "k6/http";

const TOKEN = "«jwt»";
export default () => http.get("https://api.acme.io/v1/me", { headers: { Authorization: `Bearer ${TOKEN}` } });
