import { once } from "node:events";
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  checkDeskAccess,
  type DeskRequest,
  isLoopback,
  isLoopbackHost,
  REMOTE_REFUSED,
} from "../../../../adapters/desks/desk-web/desk-access.ts";
import { checkDeskExposure } from "../../../../adapters/desks/desk-web/desk-exposure.ts";
import { ConfigError } from "../../../../src/model/errors.ts";
import { type DeskBot, startDeskBot } from "./desk-harness.ts";

const TOKEN = "s3cret-desk-token";

/** Status of a WebSocket upgrade: 101 when accepted, else what the server answered. */
async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, { headers });
  const status = await new Promise<number>((resolve) => {
    socket.once("open", () => resolve(101));
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("error", () => resolve(0));
  });
  socket.terminate();
  return status;
}

/** A GET with headers fetch() will not let us forge (Host). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("desk access rules", () => {
  it("treats 127.0.0.0/8 and ::1 (also IPv4-mapped) as this machine, nothing else", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
      expect(isLoopback(address), address).toBe(true);
    }
    for (const address of ["10.0.0.7", "192.168.1.2", "::ffff:10.0.0.7", "fe80::1", "", undefined]) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
    expect(isLoopback("127.evil.example")).toBe(false);
  });

  it("accepts exactly localhost, 127.0.0.1 and [::1] as Host, with an optional port", () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1", "127.0.0.1:80", "[::1]", "[::1]:3000"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    // DNS rebinding: names that merely start like a loopback address resolve wherever an attacker wants.
    for (const host of [
      "127.evil.example",
      "127.0.0.1.evil.example",
      "127.0.0.1.nip.io:3000",
      "localhost.evil.example",
      "evil.example",
      "127.0.0.1:3000@evil.example",
      "127.0.0.1 ",
      "",
      undefined,
    ]) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });

  const local = (headers: Record<string, string>): DeskRequest => ({
    remoteAddress: "127.0.0.1",
    localAddress: "127.0.0.1",
    headers: new Headers({ host: "127.0.0.1:3000", ...headers }),
    presentedToken: undefined,
  });

  it("without a token: a rebound Host or any proxy's forwarding header is refused, even from loopback", () => {
    expect(checkDeskAccess(local({}), undefined)).toEqual({ ok: true });
    expect(checkDeskAccess(local({ host: "127.evil.example:3000" }), undefined).ok).toBe(false);
    for (const name of [
      "forwarded",
      "x-forwarded-for",
      "x-forwarded-host",
      "x-forwarded-proto",
      "x-real-ip",
      "via",
      "cf-connecting-ip",
      "true-client-ip",
    ]) {
      expect(checkDeskAccess(local({ [name]: "203.0.113.9" }), undefined), name).toMatchObject({
        ok: false,
        status: 403,
      });
    }
  });

  it("without a token: the connection must be loopback at both ends", () => {
    const request = local({});
    expect(checkDeskAccess({ ...request, localAddress: "192.168.1.2" }, undefined).ok).toBe(false);
    expect(checkDeskAccess({ ...request, remoteAddress: "192.168.1.2" }, undefined).ok).toBe(false);
    expect(checkDeskAccess({ ...request, localAddress: undefined }, undefined).ok).toBe(false);
  });

  it("with a token, forwarding headers and any Host are fine: the token decides", () => {
    const proxied = {
      ...local({ host: "desk.example.com", "x-forwarded-for": "203.0.113.9" }),
      presentedToken: TOKEN,
    };
    expect(checkDeskAccess(proxied, TOKEN)).toEqual({ ok: true });
  });

  it("refuses other machines without a token, with what to set", () => {
    const decision = checkDeskAccess(
      {
        remoteAddress: "192.0.2.7",
        localAddress: "192.0.2.1",
        headers: new Headers({ host: "desk.example:3000" }),
        presentedToken: undefined,
      },
      undefined,
    );
    expect(decision).toEqual({ ok: false, status: 403, message: expect.stringContaining(REMOTE_REFUSED) });
  });

  it("in memory (no socket to read the peer from) the desk stays closed", async () => {
    const bot = await startDeskBot();
    try {
      const response = await bot.desk.routes.request("/api/desk/handoffs");
      expect(response.status).toBe(403);
      const remote = await bot.desk.routes.request(
        "/api/desk/handoffs",
        {},
        {
          incoming: { socket: { remoteAddress: "203.0.113.9" } },
        },
      );
      expect(((await remote.json()) as { error: string }).error).toMatch(/set DESK_TOKEN to use the desk/);
    } finally {
      await bot.stop();
    }
  });
});

describe("desk without a token: this machine only", () => {
  let bot: DeskBot;
  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  it("serves loopback clients, page, API and WebSocket", async () => {
    expect((await fetch(`${bot.url}desk`)).status).toBe(200);
    expect((await fetch(`${bot.url}api/desk/handoffs`)).status).toBe(200);
    expect(await upgradeStatus(`${bot.url.replace("http", "ws")}api/desk/ws`)).toBe(101);
  });

  it("refuses requests relayed by a local proxy, from a rebound host name or from another site", async () => {
    const proxied = await fetch(`${bot.url}api/desk/handoffs`, {
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { error: string }).error).toMatch(REMOTE_REFUSED);
    expect((await get(`${bot.url}api/desk/handoffs`, { host: "attacker.example" })).status).toBe(403);
    expect((await get(`${bot.url}api/desk/handoffs`, { host: "127.attacker.example" })).status).toBe(403);
    expect((await get(`${bot.url}desk`, { "x-forwarded-host": "desk.example.com" })).status).toBe(403);
    const crossSite = await fetch(`${bot.url}api/desk/handoffs`, {
      headers: { origin: "https://attacker.example" },
    });
    expect(crossSite.status).toBe(403);
    const ws = `${bot.url.replace("http", "ws")}api/desk/ws`;
    expect(await upgradeStatus(ws, { origin: "https://attacker.example" })).toBe(403);
    expect(await upgradeStatus(ws, { origin: bot.url.slice(0, -1) })).toBe(101);
  });
});

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info && info.family === "IPv4" && !info.internal)?.address;
if (!lanAddress) console.warn("No non-loopback IPv4 interface: skipping the remote-client desk test.");

describe.skipIf(!lanAddress)("desk without a token, reached through a network interface", () => {
  it("answers 403 with what to set", async () => {
    const bot = await startDeskBot({ host: lanAddress as string });
    try {
      const response = await fetch(`${bot.url}api/desk/handoffs`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(REMOTE_REFUSED);
      expect((await fetch(`${bot.url}desk`)).status).toBe(403);
      expect(await upgradeStatus(`${bot.url.replace("http", "ws")}api/desk/ws`)).toBe(403);
    } finally {
      await bot.stop();
    }
  });
});

describe("desk exposure at start-up", () => {
  it("refuses a published server (a webhook URL: a proxy or tunnel reaches this port) without DESK_TOKEN", () => {
    const check = () =>
      checkDeskExposure({ host: "127.0.0.1", publishedUrls: ["https://bot.example.com/telegram/hook"] });
    expect(check).toThrow(ConfigError);
    expect(check).toThrow(/the desk would be open to the network.*set DESK_TOKEN/i);
    expect(
      checkDeskExposure({ host: "0.0.0.0", token: TOKEN, publishedUrls: ["https://bot.example.com/h"] }),
    ).toBeUndefined();
  });

  it("lets npm start run with no configuration, and warns when nobody could reach the desk", () => {
    for (const host of ["0.0.0.0", "::", "127.0.0.1", "localhost", "::1"]) {
      expect(checkDeskExposure({ host, publishedUrls: [] }), host).toBeUndefined();
    }
    expect(checkDeskExposure({ host: "192.168.1.20", publishedUrls: [] })).toMatch(/set DESK_TOKEN/);
  });
});

describe("desk with DESK_TOKEN", () => {
  let bot: DeskBot;
  beforeAll(async () => {
    bot = await startDeskBot({ token: TOKEN });
  });
  afterAll(() => bot?.stop());

  it("API: 401 without or with a wrong bearer token, 200 with it", async () => {
    const missing = await fetch(`${bot.url}api/desk/handoffs`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toMatch(/Authorization: Bearer <DESK_TOKEN>/);
    const wrong = await fetch(`${bot.url}api/desk/handoffs`, { headers: { authorization: "Bearer nope" } });
    expect(((await wrong.json()) as { error: string }).error).toMatch(/token is wrong/);
    const ok = await fetch(`${bot.url}api/desk/handoffs`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const inQuery = await fetch(`${bot.url}api/desk/handoffs?token=${TOKEN}`);
    expect(inQuery.status).toBe(401);
  });

  it("page: asks for the token, opens with ?token=", async () => {
    const gate = await fetch(`${bot.url}desk`);
    expect(gate.status).toBe(401);
    const html = await gate.text();
    expect(html).toContain('<label for="token">Desk token</label>');
    expect(html).not.toContain("desk.js");
    expect((await fetch(`${bot.url}desk?token=${TOKEN}`)).status).toBe(200);
  });

  it("WebSocket: 401 without ?token=, open with it", async () => {
    const ws = `${bot.url.replace("http", "ws")}api/desk/ws`;
    expect(await upgradeStatus(ws)).toBe(401);
    expect(await upgradeStatus(`${ws}?token=wrong`)).toBe(401);
    const socket = new WebSocket(`${ws}?token=${TOKEN}`);
    const [frame] = await once(socket, "message");
    expect(JSON.parse(String(frame))).toEqual({ type: "ready" });
    socket.close();
  });
});
