import type { HealthReport, HttpHost } from "../http/create-http-app.ts";
import type { App } from "./create-app.ts";

/** Parts of the running bot that report beside the app (the background jobs). */
export type ExtraHealth = Record<string, () => unknown>;

/** The app's health: each channel, the desk, the store kind, the KB size and the extra parts. */
function healthReport(app: App, extra: ExtraHealth): HealthReport {
  const channels = app.channels.health();
  const desk = { name: app.desk.name, ...app.desk.health() };
  const degraded = [...Object.values(channels), desk].some((part) => part.status !== "up");
  return {
    status: degraded ? "degraded" : "ok",
    channels,
    desk,
    store: app.stores.kind,
    knowledgeBase: { entries: app.knowledge.current().kb.entries.length },
    ...Object.fromEntries(Object.entries(extra).map(([name, read]) => [name, read()])),
  };
}

/** The app as the HTTP surface sees it (`createHttpApp(httpHostOf(app), routes)`). */
export function httpHostOf(app: App, extra: ExtraHealth = {}): HttpHost {
  return { health: () => healthReport(app, extra), logger: app.logger };
}
