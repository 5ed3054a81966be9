test("admin can invite", async ({ page }) => {
  await page.fill("#email", "admin@example.com");
  await page.fill("#password", "Password123!");
  await page.click("text=Sign in");
});
