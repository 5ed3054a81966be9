const client = new Client({ apiKey: "test-key" });
it("sends the key", () => expect(client.key).toBe("test-key"));
