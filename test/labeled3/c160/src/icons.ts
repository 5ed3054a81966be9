export const SPINNER = "data:image/gif;base64,«b120»";
