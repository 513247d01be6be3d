import { once } from "node:events";
import type { Server } from "node:http";
import { connect } from "node:net";
import { promisify } from "node:util";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import type { WebSocketEndpoint } from "../../src/core/http-contribution.ts";
import { closeServer, listen } from "../../src/http/listen.ts";
import { createUpgradeDispatcher } from "../../src/http/upgrade-dispatcher.ts";

/** Sends a raw request and resolves with everything the server wrote before it closed the socket. */
async function rawExchange(port: number, request: string): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
  socket.write(request);
  await once(socket, "close");
  return answer;
}

const upgrade = (path: string, extra = "") =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

describe("upgrade dispatcher", () => {
  let server: Server;
  let port: number;
  const wss = new WebSocketServer({ noServer: true });
  const echo: WebSocketEndpoint = {
    path: "/echo",
    handle: (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        ws.on("error", () => undefined);
        ws.on("message", (data) => ws.send(data));
      }),
  };
  const failing: WebSocketEndpoint = {
    path: "/broken",
    handle: () => {
      throw new Error("handler bug");
    },
  };

  beforeAll(async () => {
    const upgrades = createUpgradeDispatcher({ endpoints: [echo, failing] });
    ({ server, port } = await listen(
      new Hono().get("/", (c) => c.text("ok")),
      0,
      "127.0.0.1",
      upgrades,
    ));
  });
  afterAll(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await closeServer(server);
  });

  it("hands a known path to its endpoint", async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/echo?x=1`);
    await once(socket, "open");
    socket.send("ping");
    const [data] = await once(socket, "message");
    expect(String(data)).toBe("ping");
    socket.close();
  });

  it("answers 404 and closes for any other path, 400 for what is not a WebSocket handshake", async () => {
    expect(await rawExchange(port, upgrade("/nowhere"))).toMatch(/^HTTP\/1\.1 404 /);
    expect(await rawExchange(port, upgrade("/echo/"))).toMatch(/^HTTP\/1\.1 404 /);
    const h2c =
      "GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
    expect(await rawExchange(port, h2c)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(port, upgrade("/echo").replace("GET", "POST"))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(port, upgrade("http://127.0.0.1/echo"))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawExchange(port, upgrade("/broken"))).toMatch(/^HTTP\/1\.1 500 /);
  });

  it("leaves no descriptor behind: 300 upgrades to unknown paths, all answered and closed", async () => {
    const getConnections = promisify(server.getConnections.bind(server));
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => rawExchange(port, upgrade(`/x${i}`))),
    );
    expect(answers.every((answer) => answer.startsWith("HTTP/1.1 404 "))).toBe(true);
    await expect.poll(() => getConnections()).toBe(0);
  });

  it("closes its side for a refused client that never reads, instead of holding the socket", async () => {
    const getConnections = promisify(server.getConnections.bind(server));
    const accepted = once(server, "connection");
    const socket = connect(port, "127.0.0.1");
    socket.pause();
    socket.write(upgrade("/nowhere"));
    await accepted;
    await expect.poll(() => getConnections()).toBe(0);
    socket.destroy();
  });

  it("refuses two endpoints on one path", () => {
    expect(() => createUpgradeDispatcher({ endpoints: [echo, echo] })).toThrow(/\/echo/);
  });
});
