export const msalConfig = {
  auth: {
    clientId: "«h8»-«h4»-«h4»-«h4»-«h12»",
    authority: "https://login.microsoftonline.com/common",
  },
};
