export const FLAGS = {
  "sk-live-preview": false,
  "xoxb-migration": true,
  "glpat-rotation-ui": false,
} as const;
