await page.fill("#password", "Password123!");
await page.click("text=Sign in");
