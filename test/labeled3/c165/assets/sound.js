export const BEEP = "data:audio/wav;base64,«b220»";
