// VAPID public key (the application server key); the private half stays on the server.
export const applicationServerKey = "B«u86»";
