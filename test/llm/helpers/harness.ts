import { Keyv } from "keyv";
import { createSilentLogger } from "../../../src/core/logger.ts";
import type { KbEntry } from "../../../src/kb/schema.ts";
import { createLlm, type Llm } from "../../../src/llm/create-llm.ts";
import { llmConfigSchema } from "../../../src/llm/llm-config.ts";
import type { FakeOpenAiServer } from "./fake-openai-server.ts";

/** A small bilingual KB, shaped like the demo one. */
export const ENTRIES = {
  refund: {
    id: "refund-policy",
    category: "billing",
    questions: { en: ["Can I get a refund?"], ko: ["환불 받을 수 있나요?"] },
    answer: {
      en: "Annual plans are refunded within **14 days** of purchase. Monthly plans are not refunded.",
      ko: "연간 요금제는 구매 후 **14일 이내** 환불됩니다. 월간 요금제는 환불되지 않습니다.",
    },
  },
  exportNotes: {
    id: "export-notes",
    category: "product",
    questions: { en: ["How do I export my notes?"], ko: ["노트를 내보내려면 어떻게 하나요?"] },
    answer: {
      en: "Open **Settings → Export** and choose Markdown or PDF.",
      ko: "**설정 → 내보내기**에서 Markdown 또는 PDF를 선택하세요.",
    },
  },
  password: {
    id: "reset-password",
    category: "account",
    questions: { en: ["I forgot my password"], ko: ["비밀번호를 잊어버렸어요"] },
    answer: {
      en: "Use **Forgot password** on the sign-in page; we e-mail you a reset link.",
      ko: "로그인 화면의 **비밀번호 찾기**를 누르면 재설정 링크를 이메일로 보내 드립니다.",
    },
  },
} satisfies Record<string, KbEntry>;

/** The model's JSON for a grounded answer. */
export function answerJson(citedIds: string[], answer: string): string {
  return JSON.stringify({ citedIds, answer });
}

/** The JSON a reply carries in `content`, split into stream pieces of `size` characters. */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export interface TestLlm {
  llm: Llm;
  cache: Keyv<unknown>;
  /** The raw map behind `cache`, to inspect what is stored. */
  cacheStore: Map<string, unknown>;
  usage: Keyv<unknown>;
}

/** An Llm pointed at the fake server, with in-memory Keyv stores and quick retries. */
export function createTestLlm(
  server: FakeOpenAiServer,
  env: Record<string, string> = {},
  options: { now?: () => number; maxRetries?: number } = {},
): TestLlm {
  const config = {
    ...llmConfigSchema.parse({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_MODEL: "test-model",
      LLM_TIMEOUT_MS: "3000",
      ...env,
    }),
    DESK_LANGUAGE: env.DESK_LANGUAGE ?? "en",
  };
  const cacheStore = new Map<string, unknown>();
  const cache = new Keyv<unknown>({ store: cacheStore });
  const usage = new Keyv<unknown>();
  const llm = createLlm(config, {
    cache,
    usage,
    logger: createSilentLogger(),
    retry: {
      baseDelayMs: 20,
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    },
    ...(options.now ? { now: options.now } : {}),
  });
  if (!llm) throw new Error("createLlm returned undefined although a key was set");
  return { llm, cache, cacheStore, usage };
}

/** The system and user message of a captured chat-completions request. */
export function messagesOf(body: Record<string, unknown>): { system: string; user: string } {
  const messages = body.messages as { role: string; content: string }[];
  return {
    system: messages.find((m) => m.role === "system")?.content ?? "",
    user: messages.find((m) => m.role === "user")?.content ?? "",
  };
}
