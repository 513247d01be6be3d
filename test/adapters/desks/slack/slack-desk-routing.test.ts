import { afterEach, describe, expect, it } from "vitest";
import { hasFixtureKb, sentOn } from "../../../helpers/bot-harness.ts";
import { DESK_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.ts";
import { escalated, press, say } from "./slack-people.ts";

describe.skipIf(!hasFixtureKb)("Slack desk: routing and language, end to end", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  it("in Korean: the packet shows language ko and the customer is told in Korean", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h, "결제가 거절됐어요");
    const packet = h.api.callsTo("chat.postMessage")[0];
    expect(JSON.stringify(packet?.args.blocks)).toContain("ko (Korean)");
    expect(JSON.stringify(packet?.args.blocks)).toContain("결제가 거절됐어요");
    await press(h, "handoff_claim", chat.conversation, ref);
    expect(sentOn(h.app).at(-1)?.message.text).toBe("상담원 Mina님이 대화에 참여했어요.");
    await say(h, ref, "카드 정보를 *다시* 확인해 주세요");
    expect(sentOn(h.app).at(-1)?.message.text).toBe("**Mina:** 카드 정보를 **다시** 확인해 주세요");
  });

  it("escalation goes to its category's channel and mentions the team's user group", async () => {
    const categories = ["general", "technical", "billing", "account", "seller"];
    h = await startSlackHarness({
      teamChannels: Object.fromEntries(categories.map((id, i) => [id, `CTEAM000${i}`])),
      teamGroups: Object.fromEntries(categories.map((id, i) => [id, `STEAM000${i}`])),
    });
    const { chat, ref } = await escalated(h, "I was charged twice, I want a refund");
    const category = (await h.app.handoff.get(chat.conversation))?.packet.category ?? "";
    const index = categories.indexOf(category);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(ref.channel).toBe(`CTEAM000${index}`);
    const post = h.api.callsTo("chat.postMessage")[0];
    expect(post?.args).toMatchObject({ channel: `CTEAM000${index}` });
    expect(post?.args.text).toMatch(new RegExp(`^<!subteam\\^STEAM000${index}> `));
  });

  it("routes by category or team to the team's channel, else the default channel", async () => {
    h = await startSlackHarness();
    const { chat } = await escalated(h);
    const record = await h.app.handoff.get(chat.conversation);
    if (!record) throw new Error("no hand-off");
    const billing = await h.desk.open({
      ...record.packet,
      conversation: "test:billing",
      category: "billing",
    });
    expect(billing.channel).toBe("CBILL0001");
    const post = h.api.callsTo("chat.postMessage").at(-1);
    expect(post?.args.text).toMatch(/^<!subteam\^SBILL0001> /);
    expect(JSON.stringify(post?.args.blocks)).toContain("<!subteam^SBILL0001>");
    const { category: _, ...uncategorised } = record.packet;
    const tech = await h.desk.open({
      ...uncategorised,
      conversation: "test:tech",
      team: "Technical support",
    });
    expect(tech.channel).toBe("CTECH0001");
    expect(h.api.callsTo("chat.postMessage").at(-1)?.args.text).not.toContain("subteam");
    const { team: __, ...unrouted } = uncategorised;
    expect((await h.desk.open({ ...unrouted, conversation: "test:other" })).channel).toBe(DESK_CHANNEL);
  });

  it("the SLA alert re-pings an unclaimed hand-off, mentioning the team's group; not once claimed", async () => {
    h = await startSlackHarness({
      teamGroups: { general: "SGEN0001", billing: "SBILL0001", technical: "STECH0001" },
    });
    const { chat, ref } = await escalated(h);
    const group = { general: "SGEN0001", billing: "SBILL0001", technical: "STECH0001" }[
      (await h.app.handoff.get(chat.conversation))?.packet.category ?? ""
    ];
    expect(
      await h.app.handoff.alertUnclaimed(chat.conversation, "Still unclaimed: due by 09:00 <soon>"),
    ).toBe(true);
    const ping = h.api.callsTo("chat.postMessage").at(-1);
    expect(ping?.args).toMatchObject({ channel: ref.channel, thread_ts: ref.ts, reply_broadcast: "true" });
    expect(ping?.args.text).toBe(
      `${group ? `<!subteam^${group}> ` : ""}:alarm_clock: Still unclaimed: due by 09:00 &lt;soon&gt;`,
    );
    await press(h, "handoff_claim", chat.conversation, ref);
    const before = h.api.callsTo("chat.postMessage").length;
    expect(await h.app.handoff.alertUnclaimed(chat.conversation, "Still unclaimed")).toBe(false);
    expect(await h.desk.repingUnclaimed(chat.conversation)).toBe(false);
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(before);
  });
});
