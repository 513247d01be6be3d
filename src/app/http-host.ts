import type { HealthReport, HttpHost } from "../http/create-http-app.ts";
import type { App } from "./create-app.ts";

/** The app's health: each channel, the desk, the store kind and the KB size. */
function healthReport(app: App): HealthReport {
  const channels = app.channels.health();
  const desk = { name: app.desk.name, ...app.desk.health() };
  const degraded = [...Object.values(channels), desk].some((part) => part.status !== "up");
  return {
    status: degraded ? "degraded" : "ok",
    channels,
    desk,
    store: app.stores.kind,
    knowledgeBase: { entries: app.knowledge.current().kb.entries.length },
  };
}

/** The app as the HTTP surface sees it (`createHttpApp(httpHostOf(app), routes)`). */
export function httpHostOf(app: App): HttpHost {
  return { health: () => healthReport(app), logger: app.logger };
}
