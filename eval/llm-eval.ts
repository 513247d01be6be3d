import { existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, parseConfig } from "../src/app/config.ts";
import { createApp } from "../src/app/create-app.ts";
import { createSilentLogger } from "../src/core/logger.ts";
import { loadKnowledgeBase } from "../src/kb/load-kb.ts";
import { llmTrace } from "../src/llm/llm-trace.ts";
import { type CapturedRequest, startFakeOpenAiServer } from "../test/llm/helpers/fake-openai-server.ts";
import { DatasetMissingError } from "./datasets.ts";

const FIXTURE = path.resolve(PROJECT_ROOT, "..", "shared", "fixtures", "promptmart-kb.yaml");

/** The local model: answers from the first entry it is given, citing it; usage ≈ characters / 4. */
function groundedReply(request: CapturedRequest) {
  const messages = request.body.messages as { role: string; content: string }[];
  const user = messages.find((message) => message.role === "user")?.content ?? "{}";
  const entries =
    (JSON.parse(user) as { knowledge_base_entries?: { id: string }[] }).knowledge_base_entries ?? [];
  const id = entries[0]?.id;
  const content = JSON.stringify({
    citedIds: id ? [id] : [],
    answer: "Here is what our help centre says about that.",
  });
  return {
    kind: "json" as const,
    content,
    usage: { prompt: Math.ceil(request.raw.length / 4), completion: Math.ceil(content.length / 4) },
  };
}

interface Pass {
  turns: number;
  answered: number;
  modelCalls: number;
  groundedAnswers: number;
  offlineFallbacks: number;
  tokens: number;
  tokensPerAnsweredQuestion: number;
}

/**
 * The LLM's cost on the PromptMart fixture's own questions, through the whole core: with the LLM off
 * and on (against a local OpenAI-compatible server), how many turns called the model and how many
 * tokens each answered question cost; then the same questions again, which the cache serves.
 */
export async function llmOffOn(): Promise<Record<string, unknown>> {
  if (!existsSync(FIXTURE)) throw new DatasetMissingError(`fixture KB not found at ${FIXTURE}`);
  const questions = loadKnowledgeBase(FIXTURE).entries.flatMap((entry) =>
    Object.values(entry.questions).flat(),
  );
  const server = await startFakeOpenAiServer();
  server.setDefault(groundedReply);
  try {
    const run = async (withLlm: boolean, passes: number): Promise<Pass[]> => {
      const config = parseConfig({
        STORE: "memory",
        KB_PATH: FIXTURE,
        KB_WATCH: "false",
        LOG_LEVEL: "silent",
        TICKETS_DB_FILE: ":memory:",
        ...(withLlm ? { OPENAI_API_KEY: "sk-local-eval", OPENAI_BASE_URL: server.baseURL } : {}),
      });
      const app = await createApp({ config, logger: createSilentLogger(), dropUnknownChannels: true });
      const results: Pass[] = [];
      try {
        for (let pass = 0; pass < passes; pass++) {
          const before = server.requests.length;
          const stats: Pass = {
            turns: 0,
            answered: 0,
            modelCalls: 0,
            groundedAnswers: 0,
            offlineFallbacks: 0,
            tokens: 0,
            tokensPerAnsweredQuestion: 0,
          };
          for (const [index, text] of questions.entries()) {
            const result = await app.bot.handle({
              type: "message",
              id: `eval-${withLlm}-${pass}-${index}`,
              conversation: `eval:${withLlm ? "on" : "off"}-${pass}-${index}`,
              user: { channel: "eval", id: `user-${index}` },
              text,
            });
            stats.turns++;
            if (result.trace.action === "answer") stats.answered++;
            const llm = llmTrace.read(result.trace).llm;
            if (llm?.citedIds) stats.groundedAnswers++;
            if (llm?.fallback) stats.offlineFallbacks++;
            stats.tokens += llm?.cached ? 0 : (llm?.tokens ?? 0);
          }
          stats.modelCalls = server.requests.length - before;
          stats.tokensPerAnsweredQuestion = stats.answered ? Math.round(stats.tokens / stats.answered) : 0;
          results.push(stats);
        }
      } finally {
        await app.close();
      }
      return results;
    };
    const [off] = await run(false, 1);
    const [on, repeat] = await run(true, 2);
    return { questions: questions.length, off, on, onRepeatedFromCache: repeat };
  } finally {
    await server.close();
  }
}
