/** What one Bot Framework channel renders, beyond what every channel does (Markdown text, typing). */
export interface ChannelFeatures {
  /** Adaptive Cards with `Action.Submit`; otherwise buttons go on a hero card. */
  adaptiveCards: boolean;
  /** `updateActivity` edits a sent message in place (streamed answers). */
  updates: boolean;
}

/**
 * Per channel id (`activity.channelId`). Teams edits messages; Web Chat and Direct Line render
 * Adaptive Cards but cannot update a sent activity; channels not listed get hero cards and whole
 * messages.
 * @see https://learn.microsoft.com/azure/bot-service/bot-service-channels-reference
 * @see https://learn.microsoft.com/microsoftteams/platform/bots/how-to/update-and-delete-bot-messages
 */
const FEATURES: Readonly<Record<string, ChannelFeatures>> = {
  msteams: { adaptiveCards: true, updates: true },
  webchat: { adaptiveCards: true, updates: false },
  directline: { adaptiveCards: true, updates: false },
  emulator: { adaptiveCards: true, updates: true },
};

const FALLBACK: ChannelFeatures = { adaptiveCards: false, updates: false };

export function featuresOf(channelId: string): ChannelFeatures {
  return FEATURES[channelId] ?? FALLBACK;
}
