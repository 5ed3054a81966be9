const voyage = new VoyageAIClient({ apiKey: "pa-«u43»" });
