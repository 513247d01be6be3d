import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake server answers one request. */
export type FakeReply =
  | { kind: "json"; content: string; usage?: { prompt: number; completion: number }; delayMs?: number }
  | { kind: "refusal"; refusal: string }
  | { kind: "error"; status: number; headers?: Record<string, string>; message?: string }
  | {
      kind: "stream";
      chunks: readonly string[];
      usage?: { prompt: number; completion: number };
      delayMs?: number;
      chunkDelayMs?: number;
    }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: "hang" };

/** A request as the server saw it: the raw body is what "left the process". */
export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  raw: string;
  body: Record<string, unknown>;
  at: number;
}

export type Responder = FakeReply | ((request: CapturedRequest) => FakeReply);

/** A local OpenAI-compatible chat-completions server for tests. */
export interface FakeOpenAiServer {
  /** e.g. `http://127.0.0.1:54321/v1` */
  readonly baseURL: string;
  readonly requests: CapturedRequest[];
  /** Replies used in order, one per request; then the default. */
  enqueue(...replies: Responder[]): void;
  setDefault(reply: Responder): void;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_REPLY: FakeReply = { kind: "error", status: 500, message: "no reply scripted" };

/**
 * Starts the server on 127.0.0.1 with a random port. It speaks `POST /v1/chat/completions` in both
 * plain JSON and `stream: true` server-sent events, and can answer with errors (429 with
 * `retry-after`, 500), delays and hangs. Every request body is captured.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: CapturedRequest[] = [];
  let queue: Responder[] = [];
  let fallback: Responder = DEFAULT_REPLY;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  // Requests of an earlier test that arrive late (a slow machine) must not count in the next one.
  let generation = 0;
  const server = createServer((req, res) => {
    const bornIn = generation;
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      const raw = Buffer.concat(parts).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Captured as raw text anyway.
      }
      const captured: CapturedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        raw,
        body,
        at: performance.now(),
      };
      if (bornIn !== generation) {
        res.destroy();
        return;
      }
      requests.push(captured);
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        sendJson(res, 404, { error: { message: `no route ${req.url}`, type: "invalid_request_error" } });
        return;
      }
      const responder = queue.shift() ?? fallback;
      const reply = typeof responder === "function" ? responder(captured) : responder;
      void respond(res, reply, String(body.model ?? "test-model"), wait).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      generation += 1;
      queue = [];
      fallback = DEFAULT_REPLY;
      requests.length = 0;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function usageOf(usage: { prompt: number; completion: number } | undefined) {
  const prompt = usage?.prompt ?? 100;
  const completion = usage?.completion ?? 20;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

async function respond(
  res: ServerResponse,
  reply: FakeReply,
  model: string,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  switch (reply.kind) {
    case "hang":
      return;
    case "error":
      sendJson(
        res,
        reply.status,
        { error: { message: reply.message ?? `status ${reply.status}`, type: "server_error", code: null } },
        reply.headers,
      );
      return;
    case "json":
    case "refusal":
      if (reply.kind === "json" && reply.delayMs) await wait(reply.delayMs);
      if (res.destroyed) return;
      sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: reply.kind === "json" ? reply.content : null,
              refusal: reply.kind === "refusal" ? reply.refusal : null,
            },
            finish_reason: "stop",
            logprobs: null,
          },
        ],
        usage: usageOf(reply.kind === "json" ? reply.usage : undefined),
      });
      return;
    case "stream": {
      if (reply.delayMs) await wait(reply.delayMs);
      if (res.destroyed) return;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      });
      send(chunk({ role: "assistant", content: "" }, null));
      for (const piece of reply.chunks) {
        if (reply.chunkDelayMs) await wait(reply.chunkDelayMs);
        if (res.destroyed) return;
        send(chunk({ content: piece }, null));
      }
      send(chunk({}, "stop"));
      send({ id, object: "chat.completion.chunk", created, model, choices: [], usage: usageOf(reply.usage) });
      res.end("data: [DONE]\n\n");
      return;
    }
  }
}
