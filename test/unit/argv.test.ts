import { describe, expect, it } from "vitest";
import { flagLogLevel, splitArgv } from "../../src/cli/argv.js";

describe("splitArgv", () => {
  it("marks everything from the script on as the agent's", () => {
    expect(splitArgv(["run", "agent.py", "--verbose", "-x"])).toEqual({
      argv: ["run", "--script", "--", "agent.py", "--verbose", "-x"],
      own: ["run"],
    });
  });

  it("keeps run's own options (and values) before the script", () => {
    expect(splitArgv(["--debug", "run", "--non-interactive", "--file", "a.lock", "-f", "b.lock", "agent.py", "--file", "x"])).toEqual({
      argv: ["--debug", "run", "--non-interactive", "--file", "a.lock", "-f", "b.lock", "--script", "--", "agent.py", "--file", "x"],
      own: ["--debug", "run", "--non-interactive", "--file", "a.lock", "-f", "b.lock"],
    });
  });

  it("leaves an explicit -- alone, and nothing after it is backpack's", () => {
    expect(splitArgv(["run", "--quiet", "--", "npm", "--verbose"])).toEqual({ argv: ["run", "--quiet", "--", "npm", "--verbose"], own: ["run", "--quiet"] });
  });

  it("does not touch other commands", () => {
    expect(splitArgv(["memory", "set", "k", "v", "--verbose"])).toEqual({ argv: ["memory", "set", "k", "v", "--verbose"], own: ["memory", "set", "k", "v", "--verbose"] });
    expect(splitArgv(["show", "--", "--debug"]).own).toEqual(["show"]);
    // "run" as a value elsewhere is not the run command.
    expect(splitArgv(["memory", "set", "run", "x.py"]).argv).toEqual(["memory", "set", "run", "x.py"]);
  });

  it("handles run with no command, or options only", () => {
    expect(splitArgv(["run"])).toEqual({ argv: ["run"], own: ["run"] });
    expect(splitArgv(["run", "--help"]).argv).toEqual(["run", "--help"]);
  });
});

describe("flagLogLevel", () => {
  it("maps the flags, --debug first", () => {
    expect(flagLogLevel(["--quiet", "--debug"])).toBe("debug");
    expect(flagLogLevel(["-v"])).toBe("info");
    expect(flagLogLevel(["-q"])).toBe("error");
    expect(flagLogLevel(["memory"])).toBeUndefined();
  });
});
