import { z } from "zod";

/**
 * Where a conversation lives on the Bot Framework: enough for botbuilder's
 * `continueConversationAsync` to send into it later (a person's reply, a ticket update).
 * @see https://learn.microsoft.com/azure/bot-service/bot-builder-howto-proactive-message
 */
export const conversationReferenceSchema = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string().min(1) }),
  user: z.looseObject({ id: z.string().min(1) }).optional(),
  locale: z.string().optional(),
});
export type StoredReference = z.infer<typeof conversationReferenceSchema>;

/**
 * The app store namespace that keeps them (src/app wires it, and erasure deletes a customer's
 * references with their conversations).
 */
export const REFERENCES_NAMESPACE = "botframework-references";

/** Conversation references by Switchboard address; a Keyv namespace in the app, a Map in tests. */
export interface ReferenceStore {
  get(conversation: string): Promise<unknown>;
  set(conversation: string, reference: StoredReference): Promise<unknown>;
}

/** A process-local store, for tests and the console (references are lost on restart). */
export function createMemoryReferences(): ReferenceStore {
  const references = new Map<string, StoredReference>();
  return {
    get: async (conversation) => references.get(conversation),
    set: async (conversation, reference) => references.set(conversation, reference),
  };
}

/** The reference stored for `conversation`, parsed; `undefined` when none (or not one any more). */
export async function loadReference(
  store: ReferenceStore,
  conversation: string,
): Promise<StoredReference | undefined> {
  const parsed = conversationReferenceSchema.safeParse(await store.get(conversation));
  return parsed.success ? parsed.data : undefined;
}
