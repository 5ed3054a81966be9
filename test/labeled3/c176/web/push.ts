export const VAPID_PUBLIC_KEY = "B«u86»";
