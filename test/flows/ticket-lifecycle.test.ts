import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";

const mina = { id: "U-mina", name: "Mina" };
const joon = { id: "U-joon", name: "Joon" };

/** What the customer reads at each step of the lifecycle, per language. */
const expected = {
  en: {
    received: /T-1001\*\* · .* · received ·/,
    assigned: "Update on **T-1001**: a person from our Technical support team is now handling your ticket.",
    assignedState: /· a person is on it ·/,
    waiting:
      /^Update on \*\*T-1001\*\*: our team needs a bit more information from you\. Please reply here\.$/,
    waitingState: /· waiting for your reply · please reply here/,
    working: "Update on **T-1001**: our team is working on it.",
    resumed: "Thanks, I've added your reply to **T-1001**; our team will continue from here.",
    transferred:
      "Update on **T-1001**: a specialist from our Refunds and claims team has taken over your request. You don't need to repeat anything.",
    solved: /ticket \*\*T-1001\*\* is solved\. Was this resolved\?/,
    reopened: /^I've reopened ticket \*\*T-1001\*\*/,
    closed: "Ticket **T-1001** is closed.",
    none: /no open tickets/,
  },
  ko: {
    received: /T-1001\*\* · .* · 접수됨 ·/,
    assigned: "**T-1001** 진행 상황: Technical support 팀 담당자가 문의를 맡았어요.",
    assignedState: /· 담당자가 처리 중 ·/,
    waiting: /^\*\*T-1001\*\* 진행 상황: 확인을 위해 추가 정보가 필요해요/,
    waitingState: /· 고객님 답변 대기 · 이곳에 답변을 남겨 주세요/,
    working: "**T-1001** 진행 상황: 상담팀이 처리하고 있어요.",
    resumed: "답변 감사합니다. **T-1001** 문의에 추가했고, 상담팀이 이어서 처리할게요.",
    transferred:
      "**T-1001** 진행 상황: Refunds and claims 팀 전문 담당자가 문의를 이어받았어요. 같은 내용을 다시 설명하지 않으셔도 돼요.",
    solved: /\*\*T-1001\*\* 문의가 해결되었어요\. 문제가 해결되었나요\?/,
    reopened: /\*\*T-1001\*\* 문의를 다시 열었어요/,
    closed: "**T-1001** 문의가 종료되었어요.",
    none: /진행 중인 문의가 없어요/,
  },
} as const;

const script = {
  en: {
    ticket: "/ticket My exported PDF has broken Korean fonts on every page",
    reply: "It happens with version 2.3 on Windows 11, every export",
    again: "The fonts are broken again after the latest update",
  },
  ko: {
    ticket: "/ticket 내보낸 PDF 파일의 한글 글꼴이 모든 페이지에서 깨져요",
    reply: "윈도우 11에서 2.3 버전으로 내보낼 때마다 그래요",
    again: "최신 업데이트 이후에 글꼴이 다시 깨졌어요",
  },
} as const;

describe.skipIf(!hasFixtureKb)("the ticket lifecycle, as the customer follows it", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const last = () => sentOn(app).at(-1)?.message.text ?? "";
  const deskLines = async (conversation: string) =>
    ((await app.localDesk?.lines(conversation)) ?? []).map((line) => line.text);

  for (const language of ["en", "ko"] as const) {
    it(`${language}: received → assigned → waiting on the customer → their reply → transfer → solved (CSAT) → reopened → closed`, async () => {
      app = await createTestApp();
      const says = expected[language];
      const chat = talk(app, `test:lifecycle-${language}`, `user-${language}`);
      if (language === "ko") await chat.send("/lang ko");
      expectTurn(await chat.send(script[language].ticket), "ticket");
      const ticket = await app.tickets.store.get("T-1001");
      expect(ticket?.team).toBe("Technical support");
      expect(expectTurn(await chat.send("/status"), "command")).toMatch(says.received);

      await app.tickets.assign("T-1001", mina);
      expect(last()).toBe(says.assigned);
      expect(last()).not.toContain("Mina");
      expect(expectTurn(await chat.send("/status"), "command")).toMatch(says.assignedState);

      await app.tickets.setStatus("T-1001", "pending_customer", `agent:${mina.id}`);
      expect(last()).toMatch(says.waiting);
      expect(expectTurn(await chat.send("/status"), "command")).toMatch(says.waitingState);
      expect(await deskLines(chat.conversation)).toContain(`Status: waiting on customer (agent:${mina.id})`);

      // The customer's reply moves it back to the team, and the desk sees both.
      expect(expectTurn(await chat.send(script[language].reply), "ticket")).toBe(says.resumed);
      expect((await app.tickets.store.get("T-1001"))?.status).toBe("open");
      const lines = await deskLines(chat.conversation);
      expect(lines).toContain(script[language].reply);
      expect(lines.some((line) => /^Customer replied/.test(line))).toBe(true);

      // Transfer: another team, the same SLA clock, the customer told without names.
      const dueBefore = (await app.tickets.store.get("T-1001"))?.resolutionDueAt;
      await app.handoff.transfer(chat.conversation, mina, {
        team: "Refunds and claims",
        note: "They were charged for the export add-on too",
      });
      expect(last()).toBe(says.transferred);
      const moved = await app.tickets.store.get("T-1001");
      expect(moved).toMatchObject({ team: "Refunds and claims", assignee: null });
      expect(moved?.resolutionDueAt).toBe(dueBefore);
      expect((await app.handoff.get(chat.conversation))?.packet.team).toBe("Refunds and claims");
      expect(await deskLines(chat.conversation)).toContain(
        "Transferred to Refunds and claims, unassigned by Mina",
      );

      await app.tickets.setStatus("T-1001", "solved", `agent:${joon.id}`);
      expect(last()).toMatch(says.solved);
      expect(sentOn(app).at(-1)?.message.buttons).toHaveLength(6);

      // Writing again soon after the solve reopens it.
      expect(expectTurn(await chat.send(script[language].again), "ticket")).toMatch(says.reopened);
      expect((await app.tickets.store.get("T-1001"))?.status).toBe("open");
      expect(await deskLines(chat.conversation)).toContain(
        "Reopened: the customer wrote again after the solve",
      );

      await app.tickets.setStatus("T-1001", "closed", `agent:${joon.id}`);
      expect(last()).toBe(says.closed);
      expect(expectTurn(await chat.send("/status"), "command")).toMatch(says.none);

      const events = await app.tickets.store.listEvents("T-1001");
      const statuses = events
        .filter((event) => event.type === "status_changed")
        .map((event) => event.data.to);
      expect(statuses).toEqual(["open", "pending_customer", "open", "solved", "open", "closed"]);
      expect(events.some((event) => event.type === "assigned" && event.data.transfer === true)).toBe(true);
    });
  }

  for (const language of ["en", "ko"] as const) {
    it(`${language}: staff taking a waiting ticket back (waiting on us) tells the customer they need not reply`, async () => {
      app = await createTestApp();
      const chat = talk(app, `test:internal-${language}`, `user-${language}`);
      if (language === "ko") await chat.send("/lang ko");
      await chat.send(script[language].ticket);
      await app.tickets.setStatus("T-1001", "pending_customer", `agent:${mina.id}`);
      expect(last()).toMatch(expected[language].waiting);
      await app.tickets.setStatus("T-1001", "pending_internal", `agent:${mina.id}`);
      expect(last()).toBe(expected[language].working);
      expect(await deskLines(chat.conversation)).toContain(`Status: waiting on us (agent:${mina.id})`);
    });
  }

  it("names the person only with TICKET_SHOW_AGENT_NAMES, in both languages", async () => {
    app = await createTestApp({ TICKET_SHOW_AGENT_NAMES: "true" });
    const en = talk(app, "test:named-en", "user-en");
    await en.send(script.en.ticket);
    await app.tickets.assign("T-1001", mina);
    expect(last()).toBe("Update on **T-1001**: Mina is now handling your ticket.");
    const ko = talk(app, "test:named-ko", "user-ko");
    await ko.send("/lang ko");
    await ko.send(script.ko.ticket);
    await app.handoff.transfer(ko.conversation, mina, { team: "Refunds and claims", to: joon });
    expect(last()).toBe(
      "**T-1002** 진행 상황: Refunds and claims 팀 Joon님이 문의를 이어받았어요. 같은 내용을 다시 설명하지 않으셔도 돼요.",
    );
    expect((await app.handoff.get(ko.conversation))?.packet.agent).toEqual(joon);
  });

  it("does not reopen after the window, on a thank-you, or on a new question", async () => {
    app = await createTestApp({ TICKET_REOPEN_DAYS: "0" });
    const chat = talk(app, "test:no-reopen", "user-x");
    await chat.send(script.en.ticket);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    await chat.send(script.en.again);
    expect((await app.tickets.store.get("T-1001"))?.status).toBe("solved");
    await app.close();

    app = await createTestApp();
    const other = talk(app, "test:thanks", "user-y");
    await other.send(script.en.ticket);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    await other.send("thanks!");
    await other.send("How do I change my password?");
    expect((await app.tickets.store.get("T-1001"))?.status).toBe("solved");
  });
});
