import axios from "axios";

export const api = axios.create({
  baseURL: "https://api.acme.io/v2",
  headers: {
    "x-api-key": "sk-or-v1-«h64»",
    "content-type": "application/json",
  },
});
