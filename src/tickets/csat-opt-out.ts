import type { Keyv } from "keyv";

/** Customers who asked not to be surveyed again ("stop asking me"), by `channel:id`. */
export interface CsatOptOut {
  has(customer: { channel: string; id: string }): Promise<boolean>;
  set(customer: { channel: string; id: string }): Promise<void>;
}

export function createCsatOptOut(store: Keyv<boolean>): CsatOptOut {
  const key = (customer: { channel: string; id: string }) => `${customer.channel}:${customer.id}`;
  return {
    has: async (customer) => (await store.get(key(customer))) === true,
    async set(customer) {
      await store.set(key(customer), true);
    },
  };
}

/** "Stop asking me", "don't ask again", "그만 물어보세요", "평가 요청하지 마세요". */
export const STOP_ASKING =
  /\b(stop asking|don'?t ask (me )?again|no more (surveys|ratings)|never ask)\b|그만 (물어|묻)|(묻지|물어보지|요청하지) (마|말아)/i;
