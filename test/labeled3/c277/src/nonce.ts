// Content-Security-Policy for the static error page
export const CSP = "script-src 'self' 'sha256-«b43»='";
