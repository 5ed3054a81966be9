import axios from "axios";

export const api = axios.create({
  baseURL: "https://api.acme.io/v2",
  headers: {
    "x-api-key": "https://acme«l6».blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=«b43»%3D",
    "content-type": "application/json",
  },
});
