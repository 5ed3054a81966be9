export default {
  expo: {
    slug: "acme",
    extra: { eas: { projectId: "«h8»-«h4»-4«h3»-a«h3»-«h12»" } },
    updates: { url: "https://u.expo.dev/«h8»-«h4»-4«h3»-a«h3»-«h12»" },
  },
};
