/**
 * scripts/measure-trufflehog.mjs reads trufflehog's detector pattern tests (AGPL: read at run time, never
 * committed). Its reading of a Go test table is tested here on a table of our own; the measure itself runs
 * where a clone is (TRUFFLEHOG_DIR), and its numbers are in docs/scan.md.
 */
import { describe, expect, it } from "vitest";
import { disputedNegative, hasClone, patternCases, trufflehogCases } from "../../scripts/measure-trufflehog.mjs";
import { expandFake } from "../helpers/fake-secrets.mjs";

// A detector's test file as trufflehog writes them: a table of name, input and want, the inputs built from
// literals, names bound earlier, `+` and fmt.Sprintf; valid when want lists something.
const TOKEN = expandFake("«A32»", "measure-trufflehog:token");
const GO_TEST = `package acme

import (
	"fmt"
	"testing"
)

var (
	validPattern   = "${TOKEN}"
	invalidPattern = "${TOKEN.slice(0, 20)}%c^"
	keyword        = "acme"
)

func TestAcme_Pattern(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{
			name:  "valid pattern",
			input: fmt.Sprintf("%s token = '%s'", keyword, validPattern),
			want:  []string{validPattern},
		},
		{
			name:  "valid pattern - raw",
			input: \`[DEBUG] acme key \` + validPattern,
			want:  []string{"${TOKEN}"},
		},
		{
			name:  "invalid pattern",
			input: fmt.Sprintf("%s token = '%s'", keyword, invalidPattern),
			want:  nil,
		},
		{
			name:  "empty want",
			input: "acme",
			want:  []string{},
		},
		{
			name:  "a helper's input is skipped",
			input: makeInput(validPattern),
			want:  []string{validPattern},
		},
	}
	_ = tests
}

func TestAcme_FromData(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{name: "not a pattern test", input: "acme", want: []string{"x"}},
	}
	_ = tests
}
`;

describe("measure-trufflehog's reading of a detector's pattern test", () => {
  it("evaluates each input and labels it by its want", () => {
    const cases = patternCases(GO_TEST);
    expect(cases.map((c) => [c.name, c.valid])).toEqual([
      ["valid pattern", true],
      ["valid pattern - raw", true],
      ["invalid pattern", false],
      ["empty want", false],
    ]);
    expect(cases[0]!.input).toBe(`acme token = '${TOKEN}'`);
    expect(cases[1]!.input).toBe(`[DEBUG] acme key ${TOKEN}`);
    expect(cases[0]!.want).toEqual([TOKEN]);
  });

  it("sets apart an invalid input that still holds a random token under a secret's or the vendor's name", () => {
    const valid = new Map([["acme_test.go", [TOKEN]]]);
    const at = (text: string) => disputedNegative({ family: "acme", text, path: "acme_test.go" }, valid);
    // The valid inputs' own token, without the keyword the detector wants: a secret still.
    expect(at(`[DEBUG] using ${TOKEN}`)).toMatch(/valid inputs/);
    const other = expandFake("«A31»", "measure-trufflehog:other");
    expect(at(`API_KEY=${other}`)).toMatch(/assigned/);
    expect(at(`acme = '${other}'`)).toMatch(/assigned/);
    // A look-alike: a symbol no token has, a value under another name, words.
    expect(at(`API_KEY=${other.slice(0, 20)}%c^`)).toBeUndefined();
    expect(at(`color = '${other}'`)).toBeUndefined();
    expect(at("acme token = 'not-a-real-token-at-all'")).toBeUndefined();
  });

  const dir = process.env.TRUFFLEHOG_DIR;
  it.skipIf(!hasClone(dir))("reads thousands of inputs from a clone (TRUFFLEHOG_DIR)", () => {
    const cases = trufflehogCases(dir!);
    expect(cases.filter((c) => c.label === "tp").length).toBeGreaterThan(1000);
    expect(cases.filter((c) => c.label === "fp").length).toBeGreaterThan(1000);
    expect(new Set(cases.map((c) => c.family)).size).toBeGreaterThan(700);
    // About 930 files, each read by its own `git show`: 10 to 25 s on a loaded machine.
  }, 120_000);
});
