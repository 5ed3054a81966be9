/**
 * The hot paths' config reader: no config file, or one that does not mention
 * the settings asked for, is not parsed (a broken file then goes unnoticed
 * there; doctor reports it); one that mentions them is parsed and checked.
 */
import { trustRepo } from "../helpers/trust.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigLazily, loadKeySettings } from "../../src/config/effective.js";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { type Sandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

describe("loadConfigLazily", () => {
  it("parses a file only when it mentions a setting asked for", async () => {
    const env = { ...sb.env };
    delete env.BACKPACK_KEYCHAIN_SERVICE;
    // Not valid TOML: parsing it would throw.
    writeFileSync(join(repo, "backpack.toml"), "[scan]\nallow_paths = [\n");
    expect((await loadKeySettings(repo, env, { lookupOnly: true })).keychainService).toBe("backpack-agent");
    await expect(loadConfigLazily(repo, env)).rejects.toThrow(/backpack\.toml is not valid TOML/);

    writeFileSync(join(repo, "backpack.toml"), '# the team\'s keychain\n[scan]\nallow_paths = ["docs/**"]\nkeychain_service = "x"\n');
    await expect(loadConfigLazily(repo, env, ["keychain_service"])).rejects.toThrow(/scan: unknown setting scan\.keychain_service/);
    // The key settings fall back to the defaults (with a warning) rather than stop a checkout.
    expect((await loadKeySettings(repo, env, { lookupOnly: true })).keychainService).toBe("backpack-agent");
    writeFileSync(join(repo, "backpack.toml"), 'keychain_service = "team"\n[kdf]\nlog_n = 12\n');
    // Untrusted, a repository's keychain_service and kdf cost are ignored; trusted, they apply.
    expect(await loadKeySettings(repo, env, { lookupOnly: true })).toMatchObject({ keychainService: "backpack-agent" });
    trustRepo(sb, repo);
    expect(await loadKeySettings(repo, env, { lookupOnly: true })).toMatchObject({ keychainService: "team", kdf: { logN: 15 } });
    expect(await loadKeySettings(repo, env)).toMatchObject({ keychainService: "team", kdf: { logN: 12 } });
  });
});
