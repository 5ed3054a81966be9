/**
 * Where the user's config lives: only ever an absolute path, so that no
 * working directory (git runs backpack at the top of a repository) can stand
 * in for the user's home.
 */
import { userInfo } from "node:os";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { userConfigPath, userHome, xdgConfigHome } from "../../src/config/paths.js";

describe("the user's config folder", () => {
  it("is $XDG_CONFIG_HOME when absolute, else ~/.config", () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: "/x/cfg", HOME: "/h" })).toBe("/x/cfg");
    expect(xdgConfigHome({ HOME: "/h" })).toBe(join("/h", ".config"));
    expect(userConfigPath({ HOME: "/h" })).toBe(join("/h", ".config", "backpack", "config.toml"));
  });

  it("ignores a relative $XDG_CONFIG_HOME or $HOME (the XDG rules: a relative path is invalid)", () => {
    expect(xdgConfigHome({ XDG_CONFIG_HOME: "cfg", HOME: "/h" })).toBe(join("/h", ".config"));
    expect(xdgConfigHome({ XDG_CONFIG_HOME: "", HOME: "/h" })).toBe(join("/h", ".config"));
    // A relative HOME falls back to the account's own home, which is absolute.
    const account = userInfo().homedir;
    expect(userHome({ HOME: "." })).toBe(account);
    expect(userHome({})).toBe(account);
    expect(isAbsolute(userConfigPath({ HOME: ".", XDG_CONFIG_HOME: "." }))).toBe(true);
  });
});
