// Inlined so mail clients show it without remote images.
export const LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA«b600»==";
