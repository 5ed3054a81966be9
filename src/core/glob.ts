/**
 * Globs as regular expressions, gitignore-like (the scan's allow-list and
 * the lookup of the .gitattributes line that sets an attribute use it). Pure.
 */

/**
 * A glob as a RegExp, gitignore-like: `*` and `?` stay within one path
 * segment, `**` spans segments, a pattern without a slash matches a name at
 * any depth, and a pattern naming a folder covers everything under it.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/^\.\//, "");
  const anchored = pattern.replace(/\/$/, "").includes("/");
  pattern = pattern.replace(/^\//, "").replace(/\/$/, "");
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`${anchored ? "^" : "(?:^|/)"}${re}(?:/.*)?$`);
}
