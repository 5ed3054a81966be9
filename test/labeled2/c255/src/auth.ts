export const GOOGLE_CLIENT_ID = "«d12»-«a32».apps.googleusercontent.com";
