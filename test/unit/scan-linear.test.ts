import { describe, expect, it } from "vitest";
import { RULES } from "../../src/scan/rules.js";
import { scanText, scanWork } from "../../src/scan/scanner.js";
import { ADVERSARIAL } from "../helpers/adversarial.mjs";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { countedExec, isStepLimit } from "../helpers/regex-steps.js";

// Linear time, asserted on work done (steps of a backtracking matcher, and
// positions the scanner examines), never on the clock: each rule's work on an
// adversarial input of growing size must grow in proportion to the size.

const SMALL = 2_000;
const GROWTH = 4;

describe("the step counter", () => {
  it("agrees with the JavaScript engine on every rule example", { timeout: 60_000 }, () => {
    for (const rule of RULES) {
      for (const template of [...rule.examples.positive, ...rule.examples.negative]) {
        const text = expandFake(template);
        const native: Array<[number, number]> = [];
        const re = new RegExp(rule.pattern.source, rule.pattern.flags);
        for (let m = re.exec(text); m; m = re.exec(text)) native.push([m.index, m.index + m[0].length]);
        expect(countedExec(rule.pattern, text).matches, `${rule.id}: ${template}`).toEqual(native);
      }
    }
  });

  it("sees quadratic work where there is some", { timeout: 60_000 }, () => {
    // The generic rule's shape before it was bounded.
    const quadratic = /(?<name>token[\w.-]*)=(?<secret>\w{8,})/g;
    const small = countedExec(quadratic, ADVERSARIAL["tokentoken…"](SMALL / 4)).steps;
    const large = countedExec(quadratic, ADVERSARIAL["tokentoken…"](SMALL)).steps;
    expect(large / small).toBeGreaterThan(GROWTH * 3);
  });
});

describe("every rule is linear in its input", () => {
  for (const rule of RULES) {
    it(rule.id, { timeout: 60_000 }, () => {
      for (const [shape, make] of Object.entries(ADVERSARIAL)) {
        let small: number;
        let large: number;
        try {
          small = countedExec(rule.pattern, make(SMALL)).steps;
          large = countedExec(rule.pattern, make(SMALL * GROWTH)).steps;
        } catch (error) {
          if (isStepLimit(error)) throw new Error(`${rule.id} on ${shape}: more than 50 million steps`);
          throw error;
        }
        // Linear: GROWTH times the input, at most GROWTH times the work (plus slack for constant costs).
        expect(large, `${rule.id} on ${shape}: ${small} steps, then ${large}`).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
        // And a bounded constant per character.
        expect(large / (SMALL * GROWTH), `${rule.id} on ${shape}: steps per character`).toBeLessThan(1000);
      }
    });
  }
});

describe("the scanner around the rules is linear", () => {
  it("examines a bounded number of positions per character on each adversarial shape", { timeout: 60_000 }, () => {
    for (const [shape, make] of Object.entries(ADVERSARIAL)) {
      const small = scanWork(make(SMALL * 10));
      const large = scanWork(make(SMALL * 10 * GROWTH));
      expect(large, shape).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
    }
  });

  it("keeps many findings in one file linear (overlap removal)", () => {
    const line = (i: number) => `API_KEY_${i}=${expandFake("«A32»", `many:${i}`)}\n`;
    const text = (n: number) => Array.from({ length: n }, (_, i) => line(i)).join("");
    expect(scanText({ path: "many.env.txt", text: text(500) }).length).toBe(500);
    const small = scanWork(text(500));
    const large = scanWork(text(500 * GROWTH));
    expect(large).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
  });
});
