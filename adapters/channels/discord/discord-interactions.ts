import {
  ApplicationCommandOptionType,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  SnowflakeUtil,
} from "discord.js";
import type { BotPort } from "../../../src/core/adapter.ts";
import { coreMessages } from "../../../src/core/core-messages.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { SupportedLanguage } from "../../../src/i18n/languages.ts";
import { isSupportedLanguage } from "../../../src/i18n/languages.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import { addressOf, type ChannelInfo, scopeOf } from "./channel-resolver.ts";
import type { ComponentCodec } from "./component-codec.ts";
import { ALREADY_ACKNOWLEDGED, type DiscordApi } from "./discord-api.ts";
import type { GatewayInteraction } from "./discord-payloads.ts";
import { allowedMentions, disableButtons } from "./discord-render.ts";
import { DiscordRefusedError } from "./send-with-retry.ts";
import { modalValues, TICKET_MODAL_ID, ticketFields, ticketModal } from "./ticket-modal.ts";
import type { InteractionRoute, TurnRoutes } from "./turn-routes.ts";

export interface InteractionDeps {
  api: DiscordApi;
  codec: ComponentCodec;
  routes: TurnRoutes;
  bot: BotPort;
  log: Logger;
}

function channelOf(interaction: GatewayInteraction): ChannelInfo {
  const id = interaction.channel?.id ?? interaction.channel_id ?? "unknown";
  if (interaction.guild_id === undefined) return { id, type: ChannelType.DM };
  const info: ChannelInfo = { id, type: interaction.channel?.type ?? ChannelType.GuildText };
  if (interaction.channel?.parent_id) info.parentId = interaction.channel.parent_id;
  return info;
}

function languageOf(interaction: GatewayInteraction): SupportedLanguage {
  const language = interaction.locale?.slice(0, 2);
  return isSupportedLanguage(language) ? language : "en";
}

/** The text of a slash command's string options, joined. */
function optionText(interaction: GatewayInteraction): string {
  return (interaction.data?.options ?? [])
    .filter((option) => option.type === ApplicationCommandOptionType.String)
    .map((option) => String(option.value ?? ""))
    .join(" ")
    .trim();
}

/** `/ticket` opens the ticket form (a modal) instead of going to the core straight away. */
function isTicketCommand(interaction: GatewayInteraction): boolean {
  return interaction.type === InteractionType.ApplicationCommand && interaction.data?.name === "ticket";
}

/** Ephemeral messages (flag 64) are only seen by one person: what a press on them says stays so. */
function isEphemeralMessage(message: GatewayInteraction["message"]): boolean {
  return ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/**
 * The neutral event for a slash command, a button or a submitted ticket form, or `undefined` for
 * what the bot does not handle.
 */
export function interactionToEvent(
  interaction: GatewayInteraction,
  codec: ComponentCodec,
  raw: unknown,
): InboundEventInput | "expired" | undefined {
  const author = interaction.member?.user ?? interaction.user;
  if (!author) return undefined;
  const channel = channelOf(interaction);
  const base = {
    id: interaction.id,
    conversation: addressOf(channel),
    scope: scopeOf(channel),
    user: {
      channel: "discord",
      id: author.id,
      displayName: interaction.member?.nick ?? author.global_name ?? author.username,
      ...(interaction.locale ? { locale: interaction.locale } : {}),
    },
    // A snowflake carries its creation time.
    timestamp: new Date(SnowflakeUtil.timestampFrom(interaction.id)).toISOString(),
    raw,
  };
  const data = interaction.data;
  if (interaction.type === InteractionType.ApplicationCommand && data?.name) {
    const text = optionText(interaction);
    if (data.name === "ask") return { ...base, type: "message", text };
    return { ...base, type: "command", command: data.name.toLowerCase(), args: text };
  }
  if (
    interaction.type === InteractionType.MessageComponent &&
    data?.component_type === ComponentType.Button &&
    data.custom_id
  ) {
    const decoded = codec.decode(data.custom_id);
    if (!decoded) return "expired";
    return { ...base, type: "action", ...decoded };
  }
  if (interaction.type === InteractionType.ModalSubmit && data?.custom_id === TICKET_MODAL_ID) {
    const fields = ticketFields(modalValues(data.components ?? []));
    // `args` says the same for logs and transcripts; the ticket flow reads `fields`.
    return { ...base, type: "command", command: "ticket", args: fields.description ?? "", fields };
  }
  return undefined;
}

/**
 * Answers `/ticket` with the ticket form. The modal is the interaction's response, so it cannot be
 * deferred; its submission arrives as a new interaction (MODAL_SUBMIT) that goes to the core.
 */
async function showTicketModal(interaction: GatewayInteraction, deps: InteractionDeps): Promise<void> {
  try {
    await deps.api.respondToInteraction(
      interaction.id,
      interaction.token,
      ticketModal(languageOf(interaction), optionText(interaction)),
    );
  } catch (error) {
    if (error instanceof DiscordRefusedError && error.discordCode === ALREADY_ACKNOWLEDGED) return;
    deps.log.error({ err: error, interaction: interaction.id }, "could not show the ticket form");
  }
}

/**
 * Handles one `INTERACTION_CREATE`: acknowledges it at once (Discord allows 3 seconds) — the ticket
 * form for `/ticket`, a deferred reply for other commands and submitted forms, ephemeral for
 * personal ones, a deferred update plus disabled buttons for a pressed button — then lets the core
 * answer through the interaction.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export async function handleInteraction(
  interaction: GatewayInteraction,
  raw: unknown,
  deps: InteractionDeps,
): Promise<void> {
  const { api, log } = deps;
  if (isTicketCommand(interaction)) return showTicketModal(interaction, deps);
  const event = interactionToEvent(interaction, deps.codec, raw);
  if (event === undefined) {
    log.debug({ interaction: interaction.id, type: interaction.type }, "interaction ignored");
    return;
  }
  const isButton = interaction.type === InteractionType.MessageComponent;
  // Everything but /ask (a question anyone may read) concerns only the person who ran it, and a
  // press on an ephemeral message (a ticket form's category buttons) is answered just as privately.
  const ephemeral = isButton
    ? isEphemeralMessage(interaction.message)
    : event !== "expired" && event.type === "command";
  try {
    await api.respondToInteraction(
      interaction.id,
      interaction.token,
      isButton
        ? { type: InteractionResponseType.DeferredMessageUpdate }
        : {
            type: InteractionResponseType.DeferredChannelMessageWithSource,
            ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
          },
    );
  } catch (error) {
    // Already acknowledged: this is a redelivery another process (or an earlier attempt) handled.
    if (error instanceof DiscordRefusedError && error.discordCode === ALREADY_ACKNOWLEDGED) return;
    log.error({ err: error, interaction: interaction.id }, "could not acknowledge the interaction in time");
    return;
  }
  const language = languageOf(interaction);
  const { application_id: applicationId, token } = interaction;
  if (isButton && interaction.message && interaction.data?.custom_id) {
    const components = disableButtons(interaction.message.components, interaction.data.custom_id);
    await api
      .editOriginal(applicationId, token, { components })
      .catch((error: unknown) => log.warn({ err: error }, "could not disable the pressed message's buttons"));
  }
  if (event === "expired") {
    await api.followUp(applicationId, token, {
      content: coreMessages.t(language, "clarify.expired"),
      flags: MessageFlags.Ephemeral,
      allowed_mentions: allowedMentions(),
    });
    return;
  }
  const route: InteractionRoute = {
    kind: "interaction",
    conversation: event.conversation,
    applicationId,
    token,
    ephemeral,
    originalPending: !isButton,
    sent: 0,
  };
  // The core answers with this interaction's id as `inReplyTo`: the replies find the route by it.
  const close = deps.routes.open(event.id, route);
  try {
    await answerThrough(route, event, language, deps);
  } finally {
    close();
  }
}

/** Runs the turn; says so when it failed, and removes "thinking…" when nothing was said. */
async function answerThrough(
  route: InteractionRoute,
  event: InboundEventInput,
  language: SupportedLanguage,
  deps: InteractionDeps,
): Promise<void> {
  const { api, log } = deps;
  const { applicationId, token } = route;
  try {
    await deps.bot.handle(event);
  } catch (error) {
    log.error({ err: error, interaction: event.id }, "interaction turn failed");
    const content = coreMessages.t(language, "error.text");
    const body = { content, allowed_mentions: allowedMentions() };
    await (route.originalPending
      ? api.editOriginal(applicationId, token, body)
      : api.followUp(applicationId, token, { ...body, flags: MessageFlags.Ephemeral })
    ).catch((failure: unknown) => log.warn({ err: failure }, "could not tell the user the turn failed"));
    return;
  }
  // Nothing was said (a duplicate, or no flow answered): do not leave "thinking…" up forever.
  if (route.originalPending) {
    await api
      .deleteOriginal(applicationId, token)
      .catch((error: unknown) => log.warn({ err: error }, "could not remove the deferred response"));
  }
}
