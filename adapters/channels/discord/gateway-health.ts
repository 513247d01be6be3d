import { type Client, Events } from "discord.js";
import type { ChannelHealth } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";

export interface GatewayHealth {
  current(): ChannelHealth;
  set(health: ChannelHealth): void;
}

/**
 * Follows the gateway connection for `/healthz`: `starting` until the client is ready, `up` while
 * connected, `degraded` while discord.js reconnects or resumes (events are replayed on resume, so
 * nothing is lost), `down` when Discord closed the session for good or the adapter stopped.
 *
 * @see https://discord.com/developers/docs/events/gateway#resuming
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export function trackGatewayHealth(client: Client, log: Logger): GatewayHealth {
  let health: ChannelHealth = { status: "starting", detail: "not connected yet" };
  const set = (next: ChannelHealth) => {
    if (next.status !== health.status) log.info({ health: next }, "Discord gateway status changed");
    health = next;
  };

  client.on(Events.ClientReady, (ready) => {
    set({
      status: "up",
      detail: `connected as ${ready.user.username} to ${ready.guilds.cache.size} server(s)`,
    });
  });
  client.on(Events.ShardReconnecting, () => {
    if (health.status !== "down")
      set({ status: "degraded", detail: "gateway connection lost; reconnecting" });
  });
  client.on(Events.ShardResume, (_shard, replayed) => {
    set({ status: "up", detail: `gateway session resumed (${replayed} event(s) replayed)` });
  });
  client.on(Events.ShardReady, () => {
    if (health.status === "degraded") set({ status: "up", detail: "gateway reconnected with a new session" });
  });
  client.on(Events.ShardDisconnect, (event) => {
    set({ status: "down", detail: `gateway closed with code ${event.code} and will not reconnect` });
  });
  client.on(Events.ShardError, (error) => {
    log.warn({ err: error }, "Discord gateway error");
    if (health.status === "up") set({ status: "degraded", detail: `gateway error: ${error.message}` });
  });
  client.on(Events.Invalidated, () => set({ status: "down", detail: "gateway session invalidated" }));

  return { current: () => health, set };
}
