import axios from "axios";

export const api = axios.create({
  baseURL: "https://api.acme.io/v2",
  headers: {
    "x-api-key": "postgresql://app_user:«A20»@db.acme-«l5».internal:5432/orders?sslmode=require",
    "content-type": "application/json",
  },
});
