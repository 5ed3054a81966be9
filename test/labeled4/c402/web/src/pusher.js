import Pusher from "pusher-js";

export const pusher = new Pusher("«h20»", { cluster: "eu" });
