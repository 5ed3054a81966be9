const user = { email: "test@example.com", password: "correct horse battery staple" };

it("logs in", async () => {
  await login(user.email, user.password);
});
