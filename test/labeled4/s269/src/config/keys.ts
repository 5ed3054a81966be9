export const keys = {
  sonarToken: "squ_«h40»",
  hubspotAccessToken: "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»",
  deepseekApiKey: "sk-«h32»",
  circleToken: "CCIPAT_«A22»_«h40»",
} as const;
