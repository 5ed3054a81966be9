import { loadStripe } from "@stripe/stripe-js";

// Publishable: ships to the browser by design.
export const stripePromise = loadStripe("pk_live_51«A97»");
