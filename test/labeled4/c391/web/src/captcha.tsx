// Google's test keys: the widget always passes (local and CI only).
const SITE_KEY = process.env.NODE_ENV === "production" ? window.__CONFIG__.recaptchaSiteKey : "«ex:recaptcha-site»";
export const Captcha = () => <ReCAPTCHA sitekey={SITE_KEY} />;
