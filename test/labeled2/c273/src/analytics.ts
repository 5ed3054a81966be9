posthog.init("phc_«A43»", { api_host: "https://us.i.posthog.com" });
