export const providers = {
  xai: { apiKey: "xai-«A80»" },
  google: { apiKey: "AIza«u35»" },
  mistral: {
    apiKey:
      "«A32»",
  },
};
