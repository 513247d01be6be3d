import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose";
import type { CredentialsFactory } from "../../../../adapters/channels/bot-framework/bot-framework-auth.ts";
import { closeServer } from "../../../../src/http/listen.ts";

/** The bot's Microsoft App ID in the tests. */
export const APP_ID = "6d0b5c2e-2f43-4a8c-9d34-5b7a1f0e9c11";
/** The audience of the bot's own tokens for the connector (Azure public cloud's). */
export const CONNECTOR_SCOPE = "https://api.botframework.com";

function listenLocal(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * The Bot Framework's token service, locally: an OpenID configuration whose `jwks_uri` publishes
 * the signing key (with channel endorsements, as login.botframework.com does), and channel tokens
 * signed with it. botbuilder fetches the metadata and keys itself and checks what it receives.
 * @see https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector
 */
export interface TokenIssuer {
  readonly metadataUrl: string;
  readonly issuer: string;
  /** A token as a channel sends it: `iss` the issuer, `aud` the app id, `serviceurl` claim. */
  channelToken(
    serviceUrl: string,
    overrides?: { audience?: string; expiresIn?: string | number; keys?: Keys },
  ): Promise<string>;
  /** A key pair nobody published: tokens signed with it must fail. */
  readonly strangerKeys: Keys;
  stop(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const keys = await generateKeyPair("RS256");
  const strangerKeys = await generateKeyPair("RS256");
  const kid = "switchboard-test-key";
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid, use: "sig", alg: "RS256" };
  let base = "";
  const server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url === "/v1/.well-known/openidconfiguration") {
      response.end(
        JSON.stringify({
          issuer: base,
          jwks_uri: `${base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        }),
      );
      return;
    }
    if (request.url === "/v1/.well-known/keys") {
      response.end(
        JSON.stringify({ keys: [{ ...jwk, endorsements: ["msteams", "webchat", "directline", "kik"] }] }),
      );
      return;
    }
    response.statusCode = 404;
    response.end("{}");
  });
  base = await listenLocal(server);
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer: base,
    strangerKeys,
    channelToken(serviceUrl, overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = overrides.expiresIn ?? "10m";
      const token = new SignJWT({ serviceurl: serviceUrl })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(base)
        .setAudience(overrides.audience ?? APP_ID)
        .setNotBefore(now - 60)
        .setIssuedAt(now - 60);
      token.setExpirationTime(typeof expiresIn === "number" ? now + expiresIn : expiresIn);
      return token.sign((overrides.keys ?? keys).privateKey);
    },
    stop: () => closeServer(server),
  };
}

/** One request the connector received from the bot. */
export interface ConnectorCall {
  method: "POST" | "PUT";
  conversationId: string;
  /** The replied-to or updated activity id, when the path has one. */
  activityId?: string;
  activity: Record<string, unknown>;
}

/**
 * A channel's connector at `serviceUrl` (Bot Connector REST API v3): accepts the bot's activities
 * when they carry a token from {@link createTestCredentials}, records them, and can be told to fail
 * the next requests (429 with `Retry-After`, 5xx, 403…).
 * @see https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */
export interface ConnectorPeer {
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  /** Conversations the bot created (`POST /v3/conversations`), with the parameters it sent. */
  readonly created: { id: string; parameters: Record<string, unknown> }[];
  /** Requests refused for a missing or bad token. */
  readonly unauthorized: number;
  /** The next requests to `conversationId` get these statuses, in order, instead of being accepted. */
  failNext(conversationId: string, ...statuses: { status: number; retryAfter?: number }[]): void;
  stop(): Promise<void>;
}

export async function startConnector(login: LoginAuthority): Promise<ConnectorPeer> {
  const calls: ConnectorCall[] = [];
  const created: { id: string; parameters: Record<string, unknown> }[] = [];
  const failures = new Map<string, { status: number; retryAfter?: number }[]>();
  let unauthorized = 0;
  let nextId = 1;
  const server = createServer(async (request, response) => {
    response.setHeader("content-type", "application/json");
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(request.url ?? "");
    const body = await readJson(request).catch(() => undefined);
    if (request.url === "/v3/conversations" && request.method === "POST") {
      if (!(await login.verify(request.headers.authorization))) {
        unauthorized++;
        response.statusCode = 401;
        response.end(JSON.stringify({ error: { code: "Unauthorized" } }));
        return;
      }
      const id = `a:1created-${nextId++}`;
      created.push({ id, parameters: body as Record<string, unknown> });
      response.end(JSON.stringify({ id, activityId: "", serviceUrl: "" }));
      return;
    }
    if (!match?.[1] || (request.method !== "POST" && request.method !== "PUT")) {
      response.statusCode = 404;
      response.end(JSON.stringify({ error: { code: "NotFound" } }));
      return;
    }
    if (!(await login.verify(request.headers.authorization))) {
      unauthorized++;
      response.statusCode = 401;
      response.end(JSON.stringify({ error: { code: "Unauthorized" } }));
      return;
    }
    const failure = failures.get(decodeURIComponent(match[1]))?.shift();
    if (failure) {
      response.statusCode = failure.status;
      if (failure.retryAfter !== undefined) response.setHeader("retry-after", String(failure.retryAfter));
      response.end(JSON.stringify({ error: { code: "Failure", message: `status ${failure.status}` } }));
      return;
    }
    const call: ConnectorCall = {
      method: request.method,
      conversationId: decodeURIComponent(match[1]),
      activity: body as Record<string, unknown>,
    };
    if (match[2]) call.activityId = decodeURIComponent(match[2]);
    calls.push(call);
    response.end(JSON.stringify({ id: call.method === "PUT" ? call.activityId : `activity-${nextId++}` }));
  });
  const base = await listenLocal(server);
  return {
    serviceUrl: `${base}/`,
    calls,
    created,
    get unauthorized() {
      return unauthorized;
    },
    failNext: (conversationId, ...statuses) =>
      failures.set(conversationId, [...(failures.get(conversationId) ?? []), ...statuses]),
    stop: () => closeServer(server),
  };
}

/**
 * Stands in for Microsoft Entra ID on the bot's outbound side: the credentials factory botbuilder
 * asks for the bot's connector credentials signs each request with a token for {@link APP_ID};
 * the connector accepts only those.
 */
export interface LoginAuthority {
  readonly credentialsFactory: CredentialsFactory;
  verify(authorization: string | undefined): Promise<boolean>;
}

export async function createLoginAuthority(): Promise<LoginAuthority> {
  const keys = await generateKeyPair("RS256");
  const issuer = "https://login.test/botframework.com";
  const token = () =>
    new SignJWT({ appid: APP_ID })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(issuer)
      .setAudience(CONNECTOR_SCOPE)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(keys.privateKey);
  const factory = {
    async isValidAppId(appId = "") {
      return appId === APP_ID;
    },
    async isAuthenticationDisabled() {
      return false;
    },
    async createCredentials(appId: string) {
      if (appId !== APP_ID) throw new Error(`Invalid appId ${appId}`);
      return {
        async signRequest<T extends { headers: { set(name: string, value: string): void } }>(resource: T) {
          resource.headers.set("authorization", `Bearer ${await token()}`);
          return resource;
        },
      };
    },
  };
  return {
    credentialsFactory: factory as unknown as CredentialsFactory,
    async verify(authorization) {
      const bearer = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
      if (!bearer) return false;
      try {
        await jwtVerify(bearer, keys.publicKey, { issuer, audience: CONNECTOR_SCOPE });
        return true;
      } catch {
        return false;
      }
    },
  };
}
