import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../../../src/app/config.ts";

interface Manifest {
  features: { app_home?: { messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

describe("slack-app-manifest.yaml (desk and customers in one app)", () => {
  const manifest = parse(
    readFileSync(path.join(PROJECT_ROOT, "slack-app-manifest.yaml"), "utf8"),
  ) as Manifest;

  it("asks for what the desk and the customer channel call and receive", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        "chat:write",
        "users:read",
        "channels:join",
        "channels:history",
        "groups:history",
        "commands",
        "im:history",
        "im:write",
        "app_mentions:read",
      ]),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["message.channels", "message.groups", "message.im", "app_mention"]),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("lets customers write to the app in its Messages tab", () => {
    expect(manifest.features.app_home).toEqual({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });
});
