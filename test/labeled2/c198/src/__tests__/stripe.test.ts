import { describe, it, expect } from "vitest";

const apiKey = "sk_test_fake_key_for_unit_tests";

describe("client", () => {
  it("sets the key", () => expect(makeClient(apiKey).key).toBe(apiKey));
});
