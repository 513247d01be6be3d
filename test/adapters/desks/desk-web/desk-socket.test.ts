import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { RawWebSocket, wsFrame } from "../../../helpers/raw-websocket.ts";
import { type DeskBot, startDeskBot } from "./desk-harness.ts";

const TEXT = 0x1;

describe("desk WebSocket: protocol violations close one socket, nothing else", () => {
  let bot: DeskBot;
  let port: number;

  beforeAll(async () => {
    bot = await startDeskBot();
    port = Number(new URL(bot.url).port);
  });
  afterAll(() => bot?.stop());

  it.each([
    {
      name: "a frame over maxPayload",
      frame: wsFrame({ opcode: TEXT, claimedLength: 4_097 }).subarray(0, 8),
      code: 1009,
    },
    {
      name: "invalid UTF-8",
      frame: wsFrame({ opcode: TEXT, payload: Buffer.from([0xed, 0xa0, 0x80]) }),
      code: 1007,
    },
    { name: "RSV1 set", frame: wsFrame({ opcode: TEXT, payload: "x", rsv: 0b100 }), code: 1002 },
    { name: "an unmasked frame", frame: wsFrame({ opcode: TEXT, payload: "x", mask: false }), code: 1002 },
    { name: "an unknown opcode", frame: wsFrame({ opcode: 0xb, payload: "x" }), code: 1002 },
  ])("$name: closed with $code, other desk pages still get events", async ({ frame, code }) => {
    const page = new WebSocket(`${bot.url.replace("http", "ws")}api/desk/ws`);
    const [ready] = await once(page, "message");
    expect(JSON.parse(String(ready))).toEqual({ type: "ready" });

    const raw = await RawWebSocket.open(port, "/api/desk/ws", { Host: `127.0.0.1:${port}` });
    raw.write(frame);
    expect((await raw.ended()).closeCode).toBe(code);

    // The process is alive and the other page is still open and served.
    expect(page.readyState).toBe(WebSocket.OPEN);
    expect((await fetch(`${bot.url}api/desk/handoffs`)).status).toBe(200);
    page.close();
  });
});
