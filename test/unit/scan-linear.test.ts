import { describe, expect, it } from "vitest";
import { RULES } from "../../src/scan/rules.js";
import { scanText, scanWork } from "../../src/scan/scanner.js";
import { ADVERSARIAL } from "../helpers/adversarial.mjs";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { countedExec, isStepLimit } from "../helpers/regex-steps.js";

// Linear time, asserted on work done (steps of a backtracking matcher, and
// positions the scanner examines), never on the clock: each rule's work on an
// adversarial input of growing size must grow in proportion to the size.

// Twice the input may cost at most 2.2 times the work: quadratic work costs four times, and
// 2,000 characters are past the reach of every rule's bounded quantifiers on these shapes (at 1,000,
// four rules looked super-linear). 2,000 and 8,000 cost two thirds more for the same verdicts.
const SMALL = 2_000;
const GROWTH = 2;

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
    // At the sizes every rule is held to, well past what they allow.
    const small = countedExec(quadratic, ADVERSARIAL["tokentoken…"](SMALL)).steps;
    const large = countedExec(quadratic, ADVERSARIAL["tokentoken…"](SMALL * GROWTH)).steps;
    expect(large / small).toBeGreaterThan(GROWTH * 1.1 * 1.5);
  });
});

describe("every rule is linear in its input", () => {
  // Each shape's two inputs, built once: they are the same for every rule.
  const inputs = Object.entries(ADVERSARIAL).map(([shape, make]) => ({ shape, small: make(SMALL), large: make(SMALL * GROWTH) }));
  for (const rule of RULES) {
    it(rule.id, { timeout: 60_000 }, () => {
      for (const { shape, small: smallText, large: largeText } of inputs) {
        let small: number;
        let large: number;
        try {
          small = countedExec(rule.pattern, smallText).steps;
          large = countedExec(rule.pattern, largeText).steps;
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
      const small = scanWork(make(SMALL * 10), "adversarial.txt", Infinity).steps;
      const large = scanWork(make(SMALL * 10 * GROWTH), "adversarial.txt", Infinity).steps;
      expect(large, shape).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
    }
  });

  // A code file's multi-line strings and heredocs are read again as text (src/scan/embedded-text.ts): every shape, as a
  // Python, a Terraform and a PHP file, costs in proportion to its size too.
  it("examines a bounded number of positions per character in a code file's strings and heredocs", { timeout: 120_000 }, () => {
    const shapes = Object.entries(ADVERSARIAL).filter(([shape]) => /"""|<<|'Password|return|WithPassword/.test(shape));
    expect(shapes.length).toBeGreaterThan(5);
    for (const [shape, make] of shapes) {
      for (const path of ["adversarial.py", "adversarial.tf", "adversarial.php"]) {
        const small = scanWork(make(SMALL * 10), path, Infinity).steps;
        const large = scanWork(make(SMALL * 10 * GROWTH), path, Infinity).steps;
        expect(large, `${shape} in ${path}`).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
      }
    }
  });

  // A .nix file's indented strings (`''…''`) are read as text too.
  it("examines a bounded number of positions per character in a .nix file's indented strings", { timeout: 60_000 }, () => {
    const shapes = Object.entries(ADVERSARIAL).filter(([shape]) => shape.includes("''"));
    expect(shapes.length).toBeGreaterThan(1);
    for (const [shape, make] of shapes) {
      const small = scanWork(make(SMALL * 10), "adversarial.nix", Infinity).steps;
      const large = scanWork(make(SMALL * 10 * GROWTH), "adversarial.nix", Infinity).steps;
      expect(large, `${shape} in adversarial.nix`).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
    }
  });

  it("keeps many findings in one file linear (overlap removal)", () => {
    const line = (i: number) => `API_KEY_${i}=${expandFake("«A32»", `many:${i}`)}\n`;
    const text = (n: number) => Array.from({ length: n }, (_, i) => line(i)).join("");
    expect(scanText({ path: "many.env.txt", text: text(500) }).length).toBe(500);
    const small = scanWork(text(500)).steps;
    const large = scanWork(text(500 * GROWTH)).steps;
    expect(large).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
  });

  it("keeps a CSV export's password column linear (a row per login, quoted fields)", () => {
    const row = (i: number) => `site${i},"https://s${i}.example.com/a,b",me${i},${expandFake("Kq«A10»7!", `csv:${i}`)}\n`;
    const text = (n: number) => `name,url,username,password\n${Array.from({ length: n }, (_, i) => row(i)).join("")}`;
    expect(scanText({ path: "passwords.csv", text: text(500) }).length).toBe(500);
    const small = scanWork(text(500), "passwords.csv").steps;
    const large = scanWork(text(500 * GROWTH), "passwords.csv").steps;
    expect(large).toBeLessThanOrEqual(small * GROWTH * 1.1 + 1000);
  });
});

// The stage after a match (judging, line and column, allow markers, name, preview,
// fingerprint) must cost each finding a bounded amount, wherever it sits: on its own
// line, many to one long line, or at the end of a long file. Judged without the
// per-rule limit, so every finding goes through that stage.
describe("the work after a match is constant per finding", () => {
  /** Steps per finding, and steps at GROWTH times the input against steps at 1x. */
  const measure = (make: (n: number) => string, size: number) => {
    const small = scanWork(make(size), "adversarial.txt", Infinity);
    const large = scanWork(make(size * GROWTH), "adversarial.txt", Infinity);
    return { small, large };
  };

  const manyFindings = ["API_KEY=value lines", "API_KEY_n=distinct values", "one line of JSON secrets", "database URLs with passwords", "PEM private keys"];
  for (const shape of manyFindings) {
    it(shape, { timeout: 60_000 }, () => {
      const make = ADVERSARIAL[shape] as (n: number) => string;
      const { small, large } = measure(make, SMALL * 20);
      // The shape does what it is for: findings in proportion to its size.
      expect(small.findings, shape).toBeGreaterThan(10);
      expect(large.findings, shape).toBeGreaterThanOrEqual(small.findings * GROWTH * 0.9);
      // Linear in the input, and a bounded number of steps per character of each finding's
      // context (the line walked to it, its name window, its value): no rescan from the start.
      expect(large.steps, shape).toBeLessThanOrEqual(small.steps * GROWTH * 1.1 + 1000);
      expect(large.steps / large.findings, `${shape}: steps per finding`).toBeLessThanOrEqual((small.steps / small.findings) * 1.1 + 50);
    });
  }

  it("one long line holding a finding every few characters", () => {
    // The name before each secret is read from a bounded window, not from the line's start.
    const line = (n: number) => Array.from({ length: n }, (_, i) => `"token": "${expandFake("«A32»", `line:${i}`)}", `).join("");
    const small = scanWork(line(200), "data.json", Infinity);
    const large = scanWork(line(200 * GROWTH * 2), "data.json", Infinity);
    // (A random value now and then reads as a word and passes.)
    expect(small.findings).toBeGreaterThanOrEqual(198);
    expect(large.findings).toBeGreaterThanOrEqual(200 * GROWTH * 2 * 0.99);
    expect(large.steps / large.findings).toBeLessThanOrEqual((small.steps / small.findings) * 1.1 + 50);
  });

  it("every rule's own positive examples, repeated", { timeout: 120_000 }, () => {
    for (const rule of RULES) {
      const examples = rule.examples.positive.map((t, i) => expandFake(t, `${rule.id}:${i}`)).join("\n");
      // Each copy with its own values, so nothing is deduplicated away.
      const make = (copies: number) => Array.from({ length: copies }, (_, k) => rule.examples.positive.map((t, i) => expandFake(t, `${rule.id}:${i}:${k}`)).join("\n")).join("\n\n");
      const copies = Math.max(4, Math.ceil(4000 / examples.length));
      const small = scanWork(make(copies), "examples.txt", Infinity);
      const large = scanWork(make(copies * GROWTH), "examples.txt", Infinity);
      expect(large.steps, `${rule.id}: ${small.steps} steps, then ${large.steps}`).toBeLessThanOrEqual(small.steps * GROWTH * 1.1 + 1000);
      if (small.findings > 0) expect(large.steps / Math.max(1, large.findings), `${rule.id}: steps per finding`).toBeLessThanOrEqual((small.steps / small.findings) * 1.1 + 50);
    }
  });
});
