import { describe, expect, it } from "vitest";
import { Composer } from "../../src/core/composer.ts";
import { createTurnContext, type TurnContext } from "../../src/core/context.ts";
import { installFeatures } from "../../src/core/feature.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { emptyState } from "../../src/core/state.ts";
import { decodeAddress } from "../../src/model/address.ts";
import type { InboundEvent } from "../../src/model/events.ts";

const user = { channel: "test", id: "u1" };

function contextFor(event: InboundEvent, state = emptyState()): TurnContext {
  const trace: { flow?: string } = {};
  const ctx = createTurnContext({
    event,
    address: decodeAddress(event.conversation),
    text: event.type === "message" ? event.text : event.type === "command" ? event.args : "",
    understanding: { language: { code: "en", confidence: 1 } },
    language: "en",
    capabilities: {
      buttons: true,
      linkButtons: true,
      threads: false,
      edits: false,
      markdown: true,
      maxMessageLength: 4000,
    },
    state,
    log: createSilentLogger(),
    botName: "Test",
    flowName: () => trace.flow ?? "",
    deliver: async () => undefined,
  });
  Object.defineProperty(trace, "flow", { get: () => ctx.trace.flow });
  return ctx;
}

const message = (text: string): InboundEvent => ({
  type: "message",
  id: "m1",
  conversation: "test:c1",
  user,
  text,
  scope: "private",
});
const command = (name: string, args = ""): InboundEvent => ({
  type: "command",
  id: "c1",
  conversation: "test:c1",
  user,
  command: name,
  args,
  scope: "private",
});
const action = (name: string): InboundEvent => ({
  type: "action",
  id: "a1",
  conversation: "test:c1",
  user,
  action: name,
  scope: "private",
});

describe("composer", () => {
  it("runs middleware in order; a handler that takes the turn stops the chain and is recorded", async () => {
    const seen: string[] = [];
    const root = new Composer();
    root.use(async (_ctx, next) => {
      seen.push("outer before");
      await next();
      seen.push("outer after");
    });
    root.feature("first").hears(
      (ctx) => ctx.text.includes("first"),
      () => void seen.push("first"),
    );
    root.feature("second").hears(
      () => true,
      () => void seen.push("second"),
    );
    const ctx = contextFor(message("second please"));
    await root.run(ctx);
    expect(seen).toEqual(["outer before", "second", "outer after"]);
    expect(ctx.trace.flow).toBe("second");
  });

  it("routes commands by name and buttons by exact action or prefix", async () => {
    const took: string[] = [];
    const root = new Composer();
    const tickets = root.feature("tickets");
    tickets.command(["ticket", "support"], () => void took.push("ticket command"));
    tickets.action("ticket.", () => void took.push("ticket button"));
    root.feature("faq").action("faq.pick", () => void took.push("faq pick"));
    root.feature("fallback").on(["command", "action"], (ctx) => void took.push(`fallback ${ctx.event.type}`));
    for (const event of [
      command("support"),
      action("ticket.start"),
      action("faq.pick"),
      action("faq.pickle"),
      command("nope"),
    ])
      await root.run(contextFor(event));
    expect(took).toEqual([
      "ticket command",
      "ticket button",
      "faq pick",
      "fallback action",
      "fallback command",
    ]);
  });

  it("an active step gets the next message before any earlier feature's hears", async () => {
    const root = new Composer();
    root.feature("smalltalk").hears(
      () => true,
      (ctx) => ctx.reply("small talk"),
    );
    root.feature("form").step((ctx) => ctx.reply(`field: ${ctx.text}`));
    const state = emptyState();
    state.flow = { name: "form", step: "order", data: {}, startedAt: 0 };
    const ctx = contextFor(message("A-1234"), state);
    await root.run(ctx);
    expect(ctx.replies.map((reply) => reply.text)).toEqual(["field: A-1234"]);
    expect(ctx.state.flow?.name).toBe("form");
  });

  it("a step that declines a message ends when another feature takes it, with the step's notice first", async () => {
    const root = new Composer();
    root.feature("person").hears(
      (ctx) => ctx.text.includes("human"),
      (ctx) => ctx.reply("getting a person"),
    );
    root.feature("form").step((ctx) => ctx.reply(`field: ${ctx.text}`), {
      declines: (ctx) => ctx.text.includes("human"),
      interrupted: () => "I've set the form aside.",
    });
    const state = emptyState();
    state.flow = { name: "form", step: "description", data: {}, startedAt: 0 };
    const ctx = contextFor(message("can I talk to a human"), state);
    await root.run(ctx);
    expect(ctx.replies.map((reply) => reply.text)).toEqual(["I've set the form aside.", "getting a person"]);
    expect(ctx.state.flow).toBeUndefined();
  });

  it("a command during a step goes to its feature and ends the step; a button of the step's own feature keeps it", async () => {
    const root = new Composer();
    const form = root.feature("form");
    form.action("form.", (ctx) => ctx.reply("form button"));
    form.step((ctx) => ctx.reply("field"), { interrupted: () => "Form stopped." });
    root.feature("help").command("help", (ctx) => ctx.reply("help"));
    const state = emptyState();
    state.flow = { name: "form", step: "x", data: {}, startedAt: 0 };
    const own = contextFor(action("form.skip"), state);
    await root.run(own);
    expect(own.state.flow?.name).toBe("form");
    const other = contextFor(command("help"), state);
    await root.run(other);
    expect(other.replies.map((reply) => reply.text)).toEqual(["Form stopped.", "help"]);
    expect(other.state.flow).toBeUndefined();
  });

  it("setFlow records the step under the feature that took the turn", async () => {
    const root = new Composer();
    root.feature("survey").hears(
      () => true,
      (ctx) => ctx.setFlow("comment", { ticketId: "T-1" }),
    );
    const ctx = contextFor(message("3"));
    await root.run(ctx);
    expect(ctx.state.flow).toMatchObject({ name: "survey", step: "comment", data: { ticketId: "T-1" } });
  });

  it("a failing after-task is logged and the turn keeps its replies", async () => {
    const root = new Composer();
    root.feature("bookkeeping").after(() => {
      throw new Error("store down");
    });
    root.feature("answer").hears(
      () => true,
      (ctx) => ctx.reply("answer"),
    );
    const ctx = contextFor(message("hi"));
    await root.run(ctx);
    expect(ctx.replies.map((reply) => reply.text)).toEqual(["answer"]);
  });

  it("refuses a middleware that calls next twice, and handlers outside a feature", async () => {
    const root = new Composer();
    root.use(async (_ctx, next) => {
      await next();
      await next();
    });
    await expect(root.run(contextFor(message("hi")))).rejects.toThrow("next() called twice");
    expect(() =>
      new Composer()
        .hears(
          () => true,
          () => undefined,
        )
        .run(contextFor(message("x"))),
    ).toThrow("belongs to a feature");
  });

  it("installs features in list order and refuses two with one name", async () => {
    const order: string[] = [];
    const feature = (name: string) => ({
      name,
      install: (composer: Composer) => composer.after(() => void order.push(name)),
    });
    const root = installFeatures(new Composer(), [feature("a"), feature("b")]);
    await root.run(contextFor(message("hi")));
    // After-tasks run innermost first: b wraps less than a.
    expect(order).toEqual(["b", "a"]);
    expect(() => installFeatures(new Composer(), [feature("a"), feature("a")])).toThrow(
      'Two features are named "a"',
    );
  });
});
