await createUser({
  email: "ops@acme.io",
  role: "admin",
  password: "«pw»",
});
