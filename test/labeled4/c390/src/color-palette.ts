export const palette = ["#«h6»", "#«h6»", "#«h6»", "#«h6»"];
export const gradientId = "grad-«u12»";
