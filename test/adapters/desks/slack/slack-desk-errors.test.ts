import { afterEach, describe, expect, it } from "vitest";
import { describeFailure, retryOnlyTransient } from "../../../../adapters/desks/slack/slack-api.ts";
import { createSlackDesk, type SlackDesk } from "../../../../adapters/desks/slack/slack-desk.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import type { HandoffPacket } from "../../../../src/handoff/desk.ts";
import { HandlerError, isTransient, NetworkError, PlatformError } from "../../../../src/model/errors.ts";
import { hasFixtureKb, talk } from "../../../helpers/bot-harness.ts";
import { type FakeSlackApi, startFakeSlackApi } from "./fake-slack-api.ts";
import { DESK_CHANNEL, memoryThreads, type SlackHarness, startSlackHarness } from "./slack-harness.ts";

const packet: HandoffPacket = {
  conversation: "web:abc123",
  channel: "web",
  customer: { id: "abc123", name: "Mina K." },
  language: "en",
  reason: "customer asked for a person",
  priority: "high",
  summary: ["My payment was declined"],
  triedFaqIds: [],
  status: "queued",
  openedAt: Date.UTC(2026, 0, 5, 9, 30),
  ticket: { id: "T-1042", dueText: "in 4 hours" },
};

const noActions = {
  claim: async () => undefined,
  reply: async () => undefined,
  note: async () => undefined,
  close: async () => undefined,
  returnToBot: async () => undefined,
};

describe("Slack desk: Slack API errors are retried or surfaced", () => {
  let api: FakeSlackApi | undefined;
  let desk: SlackDesk | undefined;
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await desk?.stop();
    await h?.close();
    await api?.close();
    desk = undefined;
    h = undefined;
    api = undefined;
  });

  async function startDesk(options: { maxRateLimitRetries?: number; retries?: number } = {}) {
    api = await startFakeSlackApi();
    desk = createSlackDesk({
      token: "xoxb-test-token",
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      apiUrl: api.url,
      defaultChannel: DESK_CHANNEL,
      teamGroups: { billing: "SBILL0001" },
      threads: memoryThreads(),
      logger: createSilentLogger(),
      retry: { retries: options.retries ?? 1, minTimeoutMs: 10, maxTimeoutMs: 20 },
      timeoutMs: 2_000,
      ...(options.maxRateLimitRetries === undefined
        ? {}
        : { maxRateLimitRetries: options.maxRateLimitRetries }),
    });
    await desk.start(noActions);
    return { api, desk };
  }

  it("not_in_channel: joins the channel once, then posts", async () => {
    const { api, desk } = await startDesk();
    api.outside.add(DESK_CHANNEL);
    const ref = await desk.open(packet);
    expect(ref.channel).toBe(DESK_CHANNEL);
    expect(api.calls.map((call) => call.method)).toEqual([
      "auth.test",
      "chat.postMessage",
      "conversations.join",
      "chat.postMessage",
    ]);
    expect(desk.health()).toEqual({ status: "up" });
  });

  it("not_in_channel in a channel the bot cannot join: open throws and says to invite the bot", async () => {
    const { api, desk } = await startDesk();
    api.outside.add(DESK_CHANNEL);
    api.script("conversations.join", { kind: "error", error: "method_not_supported_for_channel_type" });
    const failure = await desk.open(packet).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformError);
    expect(String((failure as Error).message)).toMatch(/Invite the bot to <#CDESK0001>/);
    expect(desk.health()).toMatchObject({
      status: "degraded",
      detail: expect.stringMatching(/Invite the bot/),
    });
  });

  it("ratelimited: waits Retry-After, then retries", async () => {
    const { api, desk } = await startDesk();
    api.script("chat.postMessage", { kind: "ratelimited", retryAfter: 1 });
    await desk.open(packet);
    const posts = api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(desk.health()).toEqual({ status: "up" });
  });

  it("ratelimited beyond the retries: surfaced as an error and on health", async () => {
    const { api, desk } = await startDesk({ maxRateLimitRetries: 1 });
    api.script(
      "chat.postMessage",
      { kind: "ratelimited", retryAfter: 1 },
      { kind: "ratelimited", retryAfter: 1 },
    );
    const failure = await desk.open(packet).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformError);
    expect((failure as Error).message).toMatch(/rate-limited by Slack \(retried 1 time/);
    expect(desk.health().status).toBe("degraded");
    expect(api.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("network failure: retried by the WebClient, then open throws a NetworkError", async () => {
    const { api, desk } = await startDesk({ retries: 2 });
    api.script("chat.postMessage", { kind: "drop" }, { kind: "drop" }, { kind: "drop" });
    const failure = await desk.open(packet).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as Error).message).toMatch(
      /could not be reached .* Check the network, proxy and SLACK_API_URL/,
    );
    expect(api.callsTo("chat.postMessage")).toHaveLength(3);
    expect(desk.health().status).toBe("degraded");
  });

  it("missing scope: the operator is told which scopes the token needs", async () => {
    const { api, desk } = await startDesk();
    api.script("chat.postMessage", {
      kind: "error",
      error: "missing_scope",
      extra: { needed: "chat:write" },
    });
    await expect(desk.open(packet)).rejects.toThrow(
      /SLACK_BOT_TOKEN scopes: chat:write, users:read.*missing: chat:write/,
    );
  });

  it("a relayed line Slack refused is kept and posted before the thread's next line", async () => {
    const { api, desk } = await startDesk();
    const ref = await desk.open(packet);
    api.script("chat.postMessage", { kind: "error", error: "internal_error" });
    await desk.relay(ref, { from: "customer", text: "first", at: 1 });
    expect(desk.health().status).toBe("degraded");
    await desk.relay(ref, { from: "customer", text: "second", at: 2 });
    const texts = api
      .callsTo("chat.postMessage")
      .filter((call) => call.args.thread_ts === ref.ts)
      .map((call) => call.args.text);
    expect(texts).toEqual(["*Customer:* first", "*Customer:* first", "*Customer:* second"]);
    expect(desk.health()).toEqual({ status: "up" });
  });

  const threadTexts = (api: FakeSlackApi, ref: { ts?: string }) =>
    api
      .callsTo("chat.postMessage")
      .filter((call) => call.args.thread_ts === ref.ts)
      .map((call) => call.args.text);

  it("a line Slack refuses for good (HTTP 400) is sent once and does not hold up the next lines", async () => {
    const { api, desk } = await startDesk({ retries: 2 });
    const ref = await desk.open(packet);
    api.script("chat.postMessage", { kind: "status", status: 400 });
    await desk.relay(ref, { from: "customer", text: "refused", at: 1 });
    for (const [at, text] of ["second", "third", "fourth"].entries())
      await desk.relay(ref, { from: "customer", text, at: at + 2 });
    expect(threadTexts(api, ref)).toEqual([
      "*Customer:* refused",
      "*Customer:* second",
      "*Customer:* third",
      "*Customer:* fourth",
    ]);
    expect(desk.health()).toEqual({ status: "up" });
  });

  it("a platform error that will not change (msg_too_long) drops that line only", async () => {
    const { api, desk } = await startDesk();
    const ref = await desk.open(packet);
    api.script("chat.postMessage", { kind: "error", error: "msg_too_long" });
    await desk.relay(ref, { from: "customer", text: "too long", at: 1 });
    await desk.relay(ref, { from: "customer", text: "next", at: 2 });
    expect(threadTexts(api, ref)).toEqual(["*Customer:* too long", "*Customer:* next"]);
  });

  it("a 5xx is retried by the WebClient, and still kept for the thread's next line when it persists", async () => {
    const { api, desk } = await startDesk({ retries: 1 });
    const ref = await desk.open(packet);
    api.script("chat.postMessage", { kind: "status", status: 503 }, { kind: "status", status: 502 });
    await desk.relay(ref, { from: "customer", text: "first", at: 1 });
    await desk.relay(ref, { from: "customer", text: "second", at: 2 });
    expect(threadTexts(api, ref)).toEqual([
      "*Customer:* first",
      "*Customer:* first",
      "*Customer:* first",
      "*Customer:* second",
    ]);
  });

  it("an error of our own (a URIError) is neither retried nor called a network failure", async () => {
    const uriError = new URIError("URI malformed");
    expect(() => retryOnlyTransient(uriError)).toThrow(uriError);
    expect(() => retryOnlyTransient(new TypeError("Cannot convert a BigInt value to a number"))).toThrow();
    const failure = describeFailure("chat.postMessage", DESK_CHANNEL, uriError, "http://127.0.0.1/api/");
    expect(failure).toBeInstanceOf(HandlerError);
    expect(failure.message).toMatch(/could not be sent \(URIError: URI malformed\); not retried/);
    expect(isTransient(failure)).toBe(false);
  });

  it("re-pings an unclaimed hand-off in its thread, mentioning the team's group; not once claimed", async () => {
    const { api, desk } = await startDesk();
    const ref = await desk.open({ ...packet, category: "billing" });
    expect(await desk.repingUnclaimed(packet.conversation)).toBe(true);
    expect(api.callsTo("chat.postMessage").at(-1)?.args).toMatchObject({
      channel: ref.channel,
      thread_ts: ref.ts,
      text: expect.stringMatching(/^<!subteam\^SBILL0001> .*Still unclaimed — SLA warning/),
    });
    await desk.update(ref, {
      ...packet,
      category: "billing",
      status: "human",
      agent: { id: "U1", name: "Mina" },
    });
    expect(await desk.repingUnclaimed(packet.conversation)).toBe(false);
    expect(await desk.repingUnclaimed("web:unknown")).toBe(false);
  });

  it("a rejected token stops start-up with what to do", async () => {
    api = await startFakeSlackApi();
    api.script("auth.test", { kind: "error", error: "invalid_auth" });
    desk = createSlackDesk({
      token: "xoxb-revoked",
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      apiUrl: api.url,
      defaultChannel: DESK_CHANNEL,
      threads: memoryThreads(),
      logger: createSilentLogger(),
    });
    await expect(desk.start(noActions)).rejects.toThrow(/SLACK_BOT_TOKEN was rejected/);
    expect(desk.health()).toMatchObject({ status: "down" });
  });

  it("Socket Mode is chosen with SLACK_APP_TOKEN and opens nothing until started", async () => {
    api = await startFakeSlackApi();
    desk = createSlackDesk({
      token: "xoxb-test-token",
      appToken: "xapp-1-A0001-123-abc",
      apiUrl: api.url,
      defaultChannel: DESK_CHANNEL,
      threads: memoryThreads(),
      logger: createSilentLogger(),
    });
    expect(desk.mode).toBe("socket");
    expect((await desk.routes.request("/slack/events", { method: "POST", body: "{}" })).status).toBe(404);
    expect(desk.health()).toEqual({ status: "starting" });
    expect(api.calls).toEqual([]);
  });

  describe.skipIf(!hasFixtureKb)("through the core", () => {
    it("network failure: open throws, the customer is told, health is degraded with the detail", async () => {
      h = await startSlackHarness({ retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 20 } });
      h.api.script("chat.postMessage", { kind: "drop" }, { kind: "drop" });
      const chat = talk(h.app);
      const result = await chat.send("/human");
      expect(result.replies.map((reply) => reply.text).join("\n")).toMatch(/couldn't reach our support team/);
      expect(h.api.callsTo("chat.postMessage")).toHaveLength(2);
      expect(await h.app.handoff.get(chat.conversation)).toBeUndefined();
      expect(h.desk.health()).toMatchObject({
        status: "degraded",
        detail: expect.stringMatching(
          /chat\.postMessage in channel CDESK0001 failed: the Slack API at .* could not be reached/,
        ),
      });
      // Slack is back: the next request goes through and the desk reports up again.
      await chat.send("/human");
      expect(await h.app.handoff.get(chat.conversation)).toBeDefined();
      expect(h.desk.health()).toEqual({ status: "up" });
    });
  });
});
