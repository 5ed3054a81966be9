import type { Argv } from "yargs";
import { note, say } from "../../output/output.js";
import { commandGroup } from "../command-group.js";

interface TeamArgs {
  name?: string;
  recipient?: string;
  layers?: string;
  json?: boolean;
  "forget-old"?: boolean;
  show?: boolean;
}

async function load() {
  const { openContext } = await import("../../git/context.js");
  const team = await import("../../git/team.js");
  return { ctx: openContext(), team };
}

function layersText(layers: readonly string[]): string {
  return layers.join(", ");
}

const subcommands = (y: Argv<object>) =>
  y
    .command<TeamArgs>(
      "init",
      "Turn this repository to member keys, with your identity as the first member",
      (b) => b.option("name", { type: "string", demandOption: true, describe: "Your name in the team (shown to the others)" }),
      async (argv) => {
        const { ctx, team } = await load();
        const { progressReporter } = await import("../../terminal/progress.js");
        const progress = progressReporter("re-encrypting");
        const r = await team.teamInit(ctx, process.env, argv.name as string, { onProgress: progress.report }).finally(() => progress.done());
        if (r.identityCreated) note(`made your age identity ${r.member.recipient}`);
        say(`team started: ${r.member.name} (${r.member.recipient}) reads ${layersText(r.member.layers)}`);
        say(`new keys (the file key ${r.rotation?.newFingerprint} and one per layer), wrapped for their readers in .backpack/keys/; ${r.rotation?.files.length ?? 0} agent.lock file(s) re-encrypted`);
        say("staged: .backpack/ and the re-encrypted agent.lock files; commit them");
        note("the old key still opens earlier commits; whoever had it (`backpack key export` lines, CI secrets) keeps reading those: see docs/team.md");
        note("next: each teammate runs `backpack identity` and sends you the line; `backpack team add NAME age1…`");
      },
    )
    .command<TeamArgs>(
      "add <name> <recipient>",
      "Add a member: the keys of the layers granted are wrapped for their recipient",
      (b) =>
        b
          .positional("name", { type: "string", describe: "The member's name" })
          .positional("recipient", { type: "string", describe: "Their age recipient (age1…, from `backpack identity`)" })
          .option("layers", { type: "string", describe: "Comma-separated layers they read (default: all: credentials,personality,memory)" }),
      async (argv) => {
        const { ctx, team } = await load();
        const r = await team.teamAdd(ctx, argv.name as string, argv.recipient as string, argv.layers);
        say(`added ${r.member.name}: reads ${layersText(r.member.layers)}`);
        if (r.split) {
          say(`the team's single key was split into a key per layer (new keys; ${r.rotation?.files.length ?? 0} agent.lock file(s) re-encrypted and staged)`);
          note("the old single key still opens earlier commits, every layer of them: the new member was never given it");
        }
        say("staged: .backpack/ (commit it; a pull request shows the new line in .backpack/team.json)");
      },
    )
    .command<TeamArgs>(
      "remove <name>",
      "Remove a member: new keys for what they could read, every agent.lock re-encrypted",
      (b) =>
        b
          .positional("name", { type: "string", describe: "The member's name" })
          .option("forget-old", { type: "boolean", describe: "Delete the replaced key from your key stores afterwards" }),
      async (argv) => {
        const { ctx, team } = await load();
        const { progressReporter } = await import("../../terminal/progress.js");
        const progress = progressReporter("re-encrypting");
        const r = await team.teamRemove(ctx, argv.name as string, { onProgress: progress.report, forgetOld: argv["forget-old"] }).finally(() => progress.done());
        const rot = r.rotation;
        const layers = r.rekeyed?.length ? `the file key and the ${layersText(r.rekeyed)} layer key(s)` : `key ${rot?.newFingerprint}`;
        say(`removed ${r.member.name}; new keys for what they could read (${layers}), wrapped for the ${r.team.members.length} member(s) left`);
        say(`re-encrypted ${rot?.files.filter((f) => f.action !== "skipped").length ?? 0} agent.lock file(s); staged them with .backpack/: commit now`);
        say(`${r.member.name} cannot read what is committed from now on. History stays readable to them: every commit made before`);
        say(`this one is encrypted with keys they had (${rot?.oldFingerprints.join(", ") || "the old key"}), and copies they made stay theirs.`);
        const names = rot?.embeddedCredentials ?? [];
        if (names.length) say(`rotate these credentials where they are issued (backpack cannot un-share them): ${names.join(", ")}`);
        else say("no credentials are embedded in the agent.lock files; rotate any they used elsewhere");
      },
    )
    .command<TeamArgs>(
      "rotate",
      "A new team key: every agent.lock re-encrypted, the key wrapped for every member",
      (b) => b.option("forget-old", { type: "boolean", describe: "Delete the replaced key from your key stores afterwards" }),
      async (argv) => {
        const { ctx, team } = await load();
        const r = await team.teamRotate(ctx, { forgetOld: argv["forget-old"] });
        say(`new team key ${r.newFingerprint}; ${r.files.length} agent.lock file(s) re-encrypted; staged with .backpack/: commit now`);
      },
    )
    .command<TeamArgs>(
      "rewrap",
      "Wrap the team's keys again for the members .backpack/team.json lists (after merging membership changes)",
      (b) => b,
      async () => {
        const { ctx, team } = await load();
        const doc = await team.teamRewrap(ctx);
        say(`wrapped the team's keys for ${doc.members.map((m) => m.name).join(", ")}; staged .backpack/: commit it`);
        if (doc.skipped.length) note(`not wrapped again (you cannot open them): ${doc.skipped.join(", ")}; a reader of those layers can run \`backpack team rewrap\``);
      },
    )
    .command<TeamArgs>(
      "trust",
      "Trust .backpack/team.json as it is now (after review): team add, remove, rotate and rewrap wrap keys only for a trusted team",
      (b) =>
        b
          .option("show", { type: "boolean", describe: "Only show what changed since you last wrote or trusted it" })
          .epilogue("The team file comes with the repository (a pull request, a merge) and decides who receives the keys. Your own team commands trust what they write; any other change is shown here. See docs/team.md."),
      async (argv) => {
        const { ctx, team } = await load();
        const r = team.teamTrust(ctx, argv.show === true);
        if (r.changes.length === 0) {
          say(".backpack/team.json is the team you last wrote or trusted here: nothing to trust");
          return;
        }
        say(r.hadTrusted ? "changed since you last wrote or trusted .backpack/team.json:" : "not trusted in this clone yet; .backpack/team.json lists:");
        for (const change of r.changes) say(`  ${change}`);
        if (r.recorded) say(`trusted: team add, remove, rotate and rewrap now wrap keys for these ${r.team.members.length} member(s)`);
        else note("review these (`git log -p -- .backpack/team.json`); `backpack team trust` trusts them");
      },
    )
    .command<TeamArgs>(
      "list",
      "List the members and the layers each reads",
      (b) => b.option("json", { type: "boolean", describe: 'Print {"members":[{"name","recipient","layers"}],"keys":{...},"you":{...}} as JSON' }),
      async (argv) => {
        const { ctx, team } = await load();
        const doc = team.requireTeam(ctx);
        const me = await team.myAccess(ctx, process.env, doc);
        if (argv.json) {
          say(JSON.stringify({ members: doc.members, keys: doc.keys, you: { member: me.member?.name ?? null, recipient: me.identity?.recipient ?? null, readable: me.readable } }, null, 2));
          return;
        }
        const width = Math.max(...doc.members.map((m) => m.name.length));
        for (const m of doc.members) say(`${m.name.padEnd(width)}  ${m.recipient}  ${layersText(m.layers)}${m === me.member ? "  (you)" : ""}`);
        if (!me.identity) note("you have no age identity here: `backpack identity`");
        else if (!me.member) note(`you (${me.identity.recipient}) are not a member: send that line to a member`);
        else note(`you can open: ${me.readable.length ? layersText(me.readable) : "nothing yet (the key files are not wrapped for you: ask a member to `backpack team rewrap`)"}`);
        const trust = team.teamTrust(ctx, true);
        if (trust.changes.length) {
          note(
            trust.hadTrusted
              ? `.backpack/team.json changed since you last wrote or trusted it (${trust.changes.length} change(s)): \`backpack team trust --show\`; team add, remove, rotate and rewrap wait until you trust it`
              : "you have not trusted this team in this clone yet: review it, then `backpack team trust` (team add, remove, rotate and rewrap wait until then)",
          );
        }
      },
    );

/** `backpack team`: members who unlock with their own age identity. */
export default commandGroup("team", "Members who unlock with their own age identity: init, add, remove, list, rotate, rewrap, trust", "init, add, remove, list, rotate, rewrap or trust", subcommands);
