const dbSecret = new secretsmanager.Secret(this, "DbSecret", {
  generateSecretString: { secretStringTemplate: JSON.stringify({ username: "app" }), generateStringKey: "password", excludePunctuation: true },
});
const apiKey = ssm.StringParameter.valueForStringParameter(this, "/acme/prod/api-key");
