import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_PERMISSIONS,
  inviteUrl,
  registerCommands,
  SLASH_COMMAND_NAMES,
} from "../../../../adapters/channels/discord/slash-commands.ts";
import { PROJECT_ROOT } from "../../../../src/app/config.ts";
import { type DiscordEmulator, startDiscordEmulator } from "./emulator/discord-emulator.ts";
import { BOT_TOKEN, IDS } from "./emulator/world.ts";

const run = promisify(execFile);

describe("Discord slash command registration", () => {
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    emulator = await startDiscordEmulator();
  });
  afterAll(() => emulator?.close());

  it("registers /ask /ticket /status /human /forget in one server", async () => {
    const result = await registerCommands({
      token: BOT_TOKEN,
      applicationId: IDS.bot,
      guildId: IDS.guild,
      apiUrl: emulator.apiUrl,
    });
    expect(result.scope).toBe("guild");
    expect(result.commands.map((command) => command.name)).toEqual([...SLASH_COMMAND_NAMES]);
    const [put] = emulator.requests(
      "PUT",
      new RegExp(`^/applications/${IDS.bot}/guilds/${IDS.guild}/commands$`),
    );
    const body = put?.body as unknown as { name: string; options?: { name: string; required: boolean }[] }[];
    expect(body.find((command) => command.name === "ask")?.options).toEqual([
      expect.objectContaining({ name: "question", required: true, type: 3 }),
    ]);
  });

  it("registers globally, finding the application id from the token", async () => {
    const result = await registerCommands({ token: BOT_TOKEN, apiUrl: emulator.apiUrl });
    expect(result).toMatchObject({ applicationId: IDS.bot, scope: "global" });
    expect(emulator.requests("GET", /^\/applications\/@me$/)).toHaveLength(1);
    expect(emulator.requests("PUT", new RegExp(`^/applications/${IDS.bot}/commands$`))).toHaveLength(1);
  });

  it("explains a rejected token", async () => {
    await expect(registerCommands({ token: "nope", apiUrl: emulator.apiUrl })).rejects.toThrow(
      /DISCORD_BOT_TOKEN \(401\)/,
    );
  });

  it("builds the invite URL with both scopes and the documented permissions", () => {
    expect(BOT_PERMISSIONS.toString()).toBe("362924821504");
    expect(inviteUrl(IDS.bot)).toBe(
      `https://discord.com/oauth2/authorize?client_id=${IDS.bot}&scope=bot%20applications.commands&permissions=362924821504`,
    );
  });
});

describe("npm run discord:register", () => {
  it("registers the commands in the configured server and prints the invite URL", async () => {
    const emulator = await startDiscordEmulator();
    try {
      const { stdout } = await run(
        process.execPath,
        ["--import", "tsx", "adapters/channels/discord/register-commands.ts"],
        {
          cwd: PROJECT_ROOT,
          env: {
            PATH: process.env.PATH,
            DISCORD_BOT_TOKEN: BOT_TOKEN,
            DISCORD_GUILD_ID: IDS.guild,
            DISCORD_API_URL: emulator.apiUrl,
          },
        },
      );
      expect(stdout).toContain(`Registered /ask, /ticket, /status, /human, /forget in server ${IDS.guild}.`);
      expect(stdout).toContain(
        `client_id=${IDS.bot}&scope=bot%20applications.commands&permissions=362924821504`,
      );
    } finally {
      await emulator.close();
    }
  });
});
