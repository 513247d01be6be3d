import { z } from "zod";
import { ConfigError } from "../../../src/model/errors.ts";

/** Azure's application (client) ids and tenant ids are GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Bot Framework variables, named as the Bot Framework docs and `.env` templates name them, a
 * plain `z.object` so `configSchema.extend(botFrameworkConfigSchema.shape)` merges it. The adapter
 * runs when `MicrosoftAppId` is set.
 * @see https://learn.microsoft.com/azure/bot-service/bot-builder-authentication
 */
export const botFrameworkConfigSchema = z.object({
  MicrosoftAppId: z
    .string()
    .trim()
    .regex(GUID, {
      error:
        "MicrosoftAppId must be the Azure Bot's Microsoft App ID (a GUID such as 2f6c…-…): Azure portal → your Azure Bot → Configuration",
    })
    .optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z
    .enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], {
      error:
        "MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI (as chosen when creating the Azure Bot)",
    })
    .default("MultiTenant"),
  MicrosoftAppTenantId: z
    .string()
    .trim()
    .regex(GUID, { error: "MicrosoftAppTenantId must be your Microsoft Entra tenant id (a GUID)" })
    .optional(),
});
export type BotFrameworkConfig = z.infer<typeof botFrameworkConfigSchema>;

/** The bot's Microsoft identity: what botbuilder's `ConfigurationServiceClientCredentialFactory` reads. */
export interface BotFrameworkCredentials {
  appId: string;
  appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  /** The client secret; absent for `UserAssignedMSI`. */
  appPassword?: string;
  /** Required for `SingleTenant` and `UserAssignedMSI`. */
  tenantId?: string;
}

/**
 * Adapter credentials from validated config; `undefined` when `MicrosoftAppId` is unset (the
 * channel is off). Throws {@link ConfigError} when the variables do not fit the app type.
 */
export function botFrameworkOptionsFromConfig(
  config: BotFrameworkConfig,
): BotFrameworkCredentials | undefined {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: appType } = config;
  const tenantId = config.MicrosoftAppTenantId;
  if (!appId) {
    if (appPassword || tenantId)
      throw new ConfigError(
        "MicrosoftAppPassword/MicrosoftAppTenantId are set but MicrosoftAppId is missing: copy the Microsoft App ID from your Azure Bot's Configuration page, or remove the other Microsoft* variables.",
      );
    return undefined;
  }
  if (appType !== "UserAssignedMSI" && !appPassword)
    throw new ConfigError(
      `MicrosoftAppPassword is missing: a ${appType} bot signs its replies with a client secret. Create one under Azure Bot → Configuration → Manage Password (Certificates & secrets) and set MicrosoftAppPassword.`,
    );
  if (appType !== "MultiTenant" && !tenantId)
    throw new ConfigError(
      `MicrosoftAppTenantId is missing: a ${appType} bot belongs to one Microsoft Entra tenant. Set it to the tenant id shown on the Azure Bot's Configuration page.`,
    );
  const credentials: BotFrameworkCredentials = { appId, appType };
  if (appPassword) credentials.appPassword = appPassword;
  if (tenantId) credentials.tenantId = tenantId;
  return credentials;
}
