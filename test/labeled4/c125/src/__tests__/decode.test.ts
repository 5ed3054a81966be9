import { decode } from "../jwt";

// jwt.io's sample token
const SAMPLE = "«ex:jwtio»";

test("decodes the payload", () => {
  expect(decode(SAMPLE).name).toBe("John Doe");
});
