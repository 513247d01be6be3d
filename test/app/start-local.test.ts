import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Queue } from "bullmq";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { rejectUpgrade } from "../../src/http/websocket-endpoint.ts";
import { ConfigError } from "../../src/model/errors.ts";
import { createCaptureAdapter, testConfig } from "../helpers/bot-harness.ts";
import { createRedisScope, type RedisScope, redisForThisRun } from "../helpers/redis.ts";

const redisUp = await redisForThisRun();

describe("startBot: the local desk is never opened to the network by configuration", () => {
  it("refuses a webhook URL (a proxy or tunnel reaches PORT) with the local desk and no DESK_TOKEN", async () => {
    const config = testConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      TELEGRAM_BOT_TOKEN: "123456789:AAtest-token-for-switchboard-tests_xyz",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: "hook_secret",
    });
    const started = startBot(config, { logger: createSilentLogger() });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/the desk would be open to the network.*DESK_TOKEN/i);
  });

  it("starts with no configuration at all (HOST 0.0.0.0, no token): the desk stays on loopback", async () => {
    const bot = await startBot(testConfig({ PORT: "0" }), { logger: createSilentLogger() });
    try {
      expect(bot.app.localDesk).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${bot.port}/desk`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});

/** The status a WebSocket upgrade request to `path` is answered with. */
function upgradeStatus(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const upgrade = request({
      host: "127.0.0.1",
      port,
      path,
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    upgrade.on("response", (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    upgrade.on("error", reject);
    upgrade.end();
  });
}

describe("startBot: adapters through the contract", () => {
  it("mounts what any adapter contributes (routes and a WebSocket path) and stops every adapter exactly once", async () => {
    const routes = new Hono().get("/hooks/acme", (c) => c.text("acme route"));
    const upgrades: string[] = [];
    const stops: string[] = [];
    const acme = {
      ...createCaptureAdapter("acme"),
      http: {
        routes: [routes],
        websockets: [
          {
            path: "/hooks/acme/ws",
            handle(request: IncomingMessage, socket: Duplex) {
              upgrades.push(request.url ?? "");
              rejectUpgrade(socket, 403, "acme says no");
            },
          },
        ],
      },
      async stop() {
        stops.push("acme");
      },
    };
    const bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), {
      logger: createSilentLogger(),
      adapters: [acme],
    });
    const web = bot.app.channels.get("web");
    const webStop = web?.stop.bind(web);
    if (web && webStop)
      web.stop = async () => {
        stops.push("web");
        await webStop();
      };
    try {
      const page = await fetch(`http://127.0.0.1:${bot.port}/hooks/acme`);
      expect(await page.text()).toBe("acme route");
      expect(await upgradeStatus(bot.port, "/hooks/acme/ws")).toBe(403);
      expect(await upgradeStatus(bot.port, "/hooks/nobody/ws")).toBe(404);
      expect(upgrades).toEqual(["/hooks/acme/ws"]);
    } finally {
      await bot.stop();
    }
    expect(stops.sort()).toEqual(["acme", "web"]);
  });
});

describe.skipIf(!redisUp)("startBot: a start-up that fails closes what it opened", () => {
  let scope: RedisScope;
  beforeAll(async () => {
    scope = await createRedisScope("start-local");
  });
  afterAll(() => scope?.cleanup());

  it("the job queue's worker is closed when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    const prefix = `${scope.prefix}bot:`;
    // The scope's client is a connected node-redis client, as BullMQ here takes.
    const queue = new Queue("background", { connection: scope.client, prefix: `${prefix}jobs` });
    try {
      const config = testConfig({
        PORT: String(port),
        HOST: "127.0.0.1",
        STORE: "redis",
        REDIS_URL: scope.url,
        REDIS_PREFIX: prefix,
        JOBS_INTERVAL_SECONDS: "0.02",
      });
      await expect(startBot(config, { logger: createSilentLogger() })).rejects.toThrow(/EADDRINUSE/);
      // No worker is left taking the queue's jobs: what was processed stops growing.
      const processed = async () => {
        const counts = await queue.getJobCounts("active", "completed", "failed");
        return Object.values(counts).reduce((sum, count) => sum + count, 0);
      };
      const before = await processed();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await processed()).toBe(before);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
