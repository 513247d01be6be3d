import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from "discord.js";
import { z } from "zod";
import { ConfigError } from "../../../src/model/errors.ts";
import { DiscordRefusedError, withRetry } from "./send-with-retry.ts";

/** The slash commands Switchboard registers; `/ask` is a question, the others are core commands. */
export const SLASH_COMMAND_NAMES = ["ask", "ticket", "status", "human", "forget"] as const;
export type SlashCommandName = (typeof SLASH_COMMAND_NAMES)[number];

/** Usable in servers and in DMs with the bot, for a bot installed to a server. */
const anywhere = () => ({
  type: ApplicationCommandType.ChatInput as const,
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
});

/**
 * Command definitions (English with Korean localisations).
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#application-command-object
 */
export const SLASH_COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    ...anywhere(),
    name: "ask",
    description: "Ask the support bot a question",
    description_localizations: { ko: "지원 봇에게 질문하기" },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        name_localizations: { ko: "질문" },
        description: "What do you need help with?",
        description_localizations: { ko: "무엇을 도와드릴까요?" },
        required: true,
        max_length: 1_000,
      },
    ],
  },
  {
    ...anywhere(),
    name: "ticket",
    description: "Open a support ticket",
    description_localizations: { ko: "지원 티켓 만들기" },
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "details",
        name_localizations: { ko: "내용" },
        description: "Describe the problem (optional)",
        description_localizations: { ko: "문제를 설명해 주세요 (선택)" },
        required: false,
        max_length: 1_000,
      },
    ],
  },
  {
    ...anywhere(),
    name: "status",
    description: "Show the status of your tickets",
    description_localizations: { ko: "내 티켓 상태 보기" },
  },
  {
    ...anywhere(),
    name: "human",
    description: "Talk to a person from the support team",
    description_localizations: { ko: "상담원과 대화하기" },
  },
  {
    ...anywhere(),
    name: "forget",
    description: "Delete what the bot remembers about this conversation",
    description_localizations: { ko: "이 대화에 대한 기록 삭제하기" },
  },
];

/** The permissions the bot needs (the README's invite URL uses this number). */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.ManageThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

/**
 * The URL a server admin opens to add the bot with its commands and permissions.
 *
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: "bot applications.commands",
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString().replaceAll("+", "%20")}`;
}

export interface RegisterCommandsOptions {
  token: string;
  /** Defaults to the application of the token (`GET /applications/@me`). */
  applicationId?: string;
  /** Register in this server only (changes show at once); omit to register globally. */
  guildId?: string;
  /** REST base, default `https://discord.com/api`. */
  apiUrl?: string;
}

export interface RegisteredCommands {
  applicationId: string;
  scope: "guild" | "global";
  commands: { id: string; name: string }[];
}

const registeredSchema = z.array(z.object({ id: z.string(), name: z.string() }));

/**
 * Registers (bulk-overwrites) the slash commands, in one server or globally. Idempotent: running it
 * again replaces the set with the same commands.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisteredCommands> {
  if (!options.token) {
    throw new ConfigError(
      "DISCORD_BOT_TOKEN is missing: copy it from the Developer Portal → Bot → Reset Token.",
    );
  }
  const rest = new REST({ api: options.apiUrl ?? "https://discord.com/api", retries: 0 }).setToken(
    options.token,
  );
  try {
    const applicationId =
      options.applicationId ??
      z
        .object({ id: z.string() })
        .parse(await withRetry("looking up the application", () => rest.get(Routes.currentApplication()))).id;
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const result = await withRetry("registering slash commands", () =>
      rest.put(route, { body: SLASH_COMMANDS }),
    );
    return {
      applicationId,
      scope: options.guildId ? "guild" : "global",
      commands: registeredSchema.parse(result).map(({ id, name }) => ({ id, name })),
    };
  } catch (error) {
    if (error instanceof DiscordRefusedError && error.status === 401) {
      throw new ConfigError(
        "Discord rejected DISCORD_BOT_TOKEN (401): reset it in the Developer Portal → your application → Bot and update .env.",
      );
    }
    throw error;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
