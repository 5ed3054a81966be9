export default {
  apiKey: "Clé API",
  secret: "Secret du client",
  password: "Mot de passe oublié ?",
};
