import axios from "axios";

export const api = axios.create({
  baseURL: "https://api.acme.io/v2",
  headers: {
    "x-api-key": "changeme",
    "content-type": "application/json",
  },
});
