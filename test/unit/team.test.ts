import { describe, expect, it } from "vitest";
import { addMember, groupRecipients, newTeam, parseLayerList, parseTeam, removeMember, serializeTeam, teamChanges } from "../../src/core/team.js";

const ALICE = "age1agvqtrzxnaryte0lu0rvlfgf3kdpw0m3n5mvmeckq2py6w8ezdaqr0ak0d";
const BOB = "age19w4hv6cwgzpmf8wa5nvzwgaku8fwspfwj53mf92ameaq2wefm9qq9nn0tt";
const ALL = ["credentials", "personality", "memory"] as const;

describe("the team file", () => {
  const team = addMember(newTeam({ name: "alice", recipient: ALICE, layers: [...ALL] }, "0123456789abcdef"), { name: "bob", recipient: BOB, layers: [...ALL] });

  it("round-trips through its fixed text, one member per line", () => {
    const text = serializeTeam(team);
    expect(parseTeam(text)).toEqual(team);
    expect(text.split("\n").filter((l) => l.includes('"recipient"'))).toHaveLength(2);
    expect(serializeTeam(parseTeam(text))).toBe(text);
    expect(groupRecipients(team, "all")).toEqual([ALICE, BOB]);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["another document", '{"backpack":"agent.lock","version":1,"keys":{},"members":[]}', /expected "backpack": "team"/],
    ["an extra field", serializeTeam(team).replace('"version": 1,', '"version": 1, "x": 1,'), /unexpected fields/],
    ["a bad recipient", serializeTeam(team).replace(BOB, "ssh-ed25519 AAAA"), /not an age recipient/],
    ["a name with control characters", serializeTeam(team).replace('"bob"', '"bo\\u001b[31mb"'), /unusual characters/],
    ["a duplicate member", serializeTeam(team).replace('"bob"', '"alice"'), /listed twice/],
    ["an unknown layer", serializeTeam(team).replace('"layers": ["credentials","personality","memory"] }\n  ]', '"layers": ["secrets"] }\n  ]'), /unknown layer/],
    ["a layer in no group", serializeTeam(team).replace('"key": "0123456789abcdef", "layers": ["credentials","personality","memory"]', '"key": "0123456789abcdef", "layers": ["memory"]'), /every layer must be in a key group/],
    ["a bad fingerprint", serializeTeam(team).replace("0123456789abcdef", "XYZ"), /key fingerprint/],
    ["__proto__ as a group", serializeTeam(team).replace('"all":', '"__proto__":'), /unusual name/],
    ["a huge file", " ".repeat(300 * 1024), /too large/],
  ])("refuses %s without echoing it", (_, text, message) => {
    expect(() => parseTeam(text, ".backpack/team.json")).toThrow(message);
    try {
      parseTeam(text, ".backpack/team.json");
    } catch (error) {
      expect((error as Error).message).not.toContain("\u001b");
      expect((error as { code?: string }).code).toBe("INVALID_FILE");
    }
  });

  it("adds and removes members, refusing what would lose access", () => {
    expect(() => addMember(team, { name: "bob", recipient: "age1" + "p".repeat(58), layers: [...ALL] })).toThrow(/already a member/);
    expect(() => addMember(team, { name: "carol", recipient: BOB, layers: [...ALL] })).toThrow(/already belongs to bob/);
    expect(() => addMember(team, { name: "carol", recipient: "age1short", layers: [...ALL] })).toThrow(/not an age X25519 recipient/);
    // Whole-file mode: one key for every layer, so a subset would read nothing.
    expect(() => addMember(team, { name: "carol", recipient: "age1" + "q".repeat(58), layers: ["memory"] })).toThrow(/would read no key group/);
    const { team: left, removed } = removeMember(team, "bob");
    expect(removed.name).toBe("bob");
    expect(left.members.map((m) => m.name)).toEqual(["alice"]);
    expect(() => removeMember(left, "alice")).toThrow(/last member/);
    expect(() => removeMember(left, "zed")).toThrow(/not a member/);
  });

  it("reads --layers lists", () => {
    expect(parseLayerList(undefined)).toEqual([...ALL]);
    expect(parseLayerList("memory, personality")).toEqual(["personality", "memory"]);
    expect(() => parseLayerList("memory,secrets")).toThrow(/unknown layer "secrets"/);
  });

  it("teamChanges names every change that decides who receives keys, and nothing for the same team", () => {
    expect(teamChanges(team, parseTeam(serializeTeam(team)))).toEqual([]);
    const carol = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq";
    const changed = {
      keys: { all: { key: "fedcba9876543210", layers: [...ALL] } },
      members: [
        { name: "alice", recipient: carol, layers: [...ALL] },
        { name: "mallory", recipient: BOB, layers: ["memory" as const] },
      ],
    };
    expect(teamChanges(team, changed)).toEqual([
      `member alice's recipient changed from ${ALICE} to ${carol}`,
      `member mallory added (${BOB}, reads memory)`,
      "member bob removed",
      "the all key changed from 0123456789abcdef to fedcba9876543210",
    ]);
    const narrowed = { ...team, members: team.members.map((m) => (m.name === "bob" ? { ...m, layers: ["memory" as const] } : m)) };
    expect(teamChanges(team, narrowed)).toEqual(["member bob's layers changed from credentials, personality, memory to memory"]);
    // Nothing trusted yet: every member and key counts as added.
    expect(teamChanges({ keys: {}, members: [] }, team)).toHaveLength(3);
  });
});
