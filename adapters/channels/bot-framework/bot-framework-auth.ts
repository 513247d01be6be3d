import { type Activity, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { BotFrameworkCredentials } from "./bot-framework-config.ts";

/** What botbuilder uses to sign the bot's own calls to a channel's connector. */
export type CredentialsFactory = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]
>;

/**
 * The endpoints of the Bot Framework's security protocol, in botbuilder's own setting names. The
 * public Azure cloud's values are the defaults; a sovereign cloud sets its own, and the tests point
 * them at a local OpenID metadata / JWKS server.
 * @see https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
 */
export interface BotFrameworkEndpoints {
  /** Where the channel's signing keys are published (OpenID configuration with a `jwks_uri`). */
  ToBotFromChannelOpenIdMetadataUrl: string;
  /** The `iss` every channel token must carry. */
  ToBotFromChannelTokenIssuer: string;
  ToBotFromEmulatorOpenIdMetadataUrl: string;
  /** Where the bot gets its own tokens for calls to the connector. */
  ToChannelFromBotLoginUrl: string;
  ToChannelFromBotOAuthScope: string;
  OAuthUrl: string;
  CallerId: string;
}

/** Azure public cloud (botframework-connector's `AuthenticationConstants`). */
export const PUBLIC_CLOUD: BotFrameworkEndpoints = {
  ToBotFromChannelOpenIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  ToBotFromEmulatorOpenIdMetadataUrl:
    "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  CallerId: "urn:botframework:azure",
};

/**
 * botbuilder's authentication, remembering which activities it refused. botbuilder turns most bad
 * tokens into a 401 but lets a bad signature (jsonwebtoken's `JsonWebTokenError`) escape as a 500;
 * {@link RecordingAuthentication.refused} lets the messaging endpoint answer 401 for every refusal.
 */
export class RecordingAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #refused = new WeakSet<object>();

  override async authenticateRequest(activity: Activity, authHeader: string) {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      this.#refused.add(activity);
      throw error;
    }
  }

  /** True when authentication failed for this activity (the parsed request body). */
  refused(activity: object): boolean {
    return this.#refused.has(activity);
  }
}

/**
 * botbuilder's own authentication for `CloudAdapter`: inbound JWTs are checked for issuer,
 * audience (the app id), signature against the published keys, expiry and the `serviceurl` claim;
 * outbound calls are signed with the app's credentials (`credentialsFactory` replaces those, e.g.
 * with a certificate or a test issuer).
 */
export function createBotFrameworkAuthentication(options: {
  credentials: BotFrameworkCredentials;
  endpoints?: Partial<BotFrameworkEndpoints>;
  credentialsFactory?: CredentialsFactory;
}): RecordingAuthentication {
  const { credentials } = options;
  const settings: Record<string, string | boolean> = {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppType: credentials.appType,
    // botbuilder takes these as given only when every endpoint is set (its "parameterized" mode).
    ...PUBLIC_CLOUD,
    ...options.endpoints,
    ValidateAuthority: true,
  };
  if (credentials.appPassword) settings.MicrosoftAppPassword = credentials.appPassword;
  if (credentials.tenantId) settings.MicrosoftAppTenantId = credentials.tenantId;
  return new RecordingAuthentication(settings, options.credentialsFactory);
}
