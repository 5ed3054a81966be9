test("login", async ({ page }) => {
  await page.fill("#email", "qa@example.com");
  await page.fill("#password", "Password123!");
  await page.click("text=Sign in");
});
