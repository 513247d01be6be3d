import type { Server } from "node:http";
import {
  createSlackCustomerAdapter,
  type SlackCustomerAdapter,
} from "../../adapters/channels/slack/slack-customer-adapter.ts";
import { slackCustomerOptionsFromConfig } from "../../adapters/channels/slack/slack-customer-config.ts";
import { checkDeskAccess } from "../../adapters/desks/desk-web/desk-access.ts";
import { checkDeskExposure } from "../../adapters/desks/desk-web/desk-exposure.ts";
import { createDeskWeb } from "../../adapters/desks/desk-web/desk-web.ts";
import { createInsightsWeb } from "../../adapters/desks/insights/insights-web.ts";
import { slackOptionsFromConfig } from "../../adapters/desks/slack/slack-config.ts";
import { createSlackDesk, type SlackDesk } from "../../adapters/desks/slack/slack-desk.ts";
import { createSlackDigestPoster } from "../../adapters/desks/slack-digest/slack-digest-poster.ts";
import { createBullJobs } from "../coordination/bullmq-jobs.ts";
import type { JobRunner } from "../coordination/jobs.ts";
import { createTimerJobs } from "../coordination/timer-jobs.ts";
import type { Adapter } from "../core/adapter.ts";
import type { HttpContributor } from "../core/http-contribution.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { createHttpApp, websocketsOf } from "../http/create-http-app.ts";
import { closeServer, listen } from "../http/listen.ts";
import { createUpgradeDispatcher } from "../http/upgrade-dispatcher.ts";
import { digestOptionsFromConfig } from "../insights/digest/digest-config.ts";
import { startDigestJob } from "../insights/digest/digest-job.ts";
import { createDigestSender } from "../insights/digest/digest-send.ts";
import { createGapService } from "../insights/gaps/gap-service.ts";
import { createKbEditor } from "../insights/kb-editor/kb-editor.ts";
import { ConfigError } from "../model/errors.ts";
import type { KeyvFactory } from "../store/create-keyv.ts";
import { createDeskTicketActions } from "../tickets/desk-ticket-actions.ts";
import { type BackgroundJobs, startBackgroundJobs } from "./background-jobs.ts";
import { createChannelAdapters } from "./channel-adapters.ts";
import type { Config } from "./config.ts";
import { type App, type AppOptions, createApp } from "./create-app.ts";
import { httpHostOf } from "./http-host.ts";
import { createMetricsRoute } from "./metrics-route.ts";

export interface RunningBot {
  app: App;
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the bot as `npm start` does: the core, the web chat, the agent desk (Slack when
 * configured, else the local desk page) and `/healthz` on `PORT`, and every platform adapter whose
 * credentials are configured.
 */
export async function startBot(
  config: Config,
  options: Omit<AppOptions, "config"> & {
    logger?: Logger;
    /** Channel adapters to run beside the configured ones (embedding, tests). */
    adapters?: readonly Adapter[];
  } = {},
): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const slackOptions = slackOptionsFromConfig(config);
  // The Slack desk (when SLACK_BOT_TOKEN is set) keeps its thread map in the app's stores: the app
  // builds it once they are open.
  const built: { slack?: SlackDesk } = {};
  const slackCustomers = slackCustomerAdapterFor(config, logger);
  const slack = slackOptions
    ? ({ stores }: { stores: KeyvFactory }) => {
        built.slack = createSlackDesk({
          ...slackOptions,
          logger,
          threads: stores.namespace<string>("slack-desk"),
          ...(slackCustomers ? { customers: slackCustomers } : {}),
        });
        return built.slack;
      }
    : undefined;
  // The local desk serves when there is no Slack desk: refuse a configuration that opens it.
  const deskWarning = slackOptions
    ? undefined
    : checkDeskExposure({
        host: config.HOST,
        token: config.DESK_TOKEN,
        publishedUrls: [
          ...(config.TELEGRAM_WEBHOOK_URL ? [config.TELEGRAM_WEBHOOK_URL] : []),
          // The Azure Bot's messaging endpoint must be public HTTPS reaching PORT.
          ...(config.MicrosoftAppId ? ["the Azure Bot's messaging endpoint (MicrosoftAppId is set)"] : []),
        ],
      });
  if (deskWarning) logger.warn(deskWarning);
  const digestOptions = digestOptionsFromConfig(config);
  const app = await createApp({ ...options, config, logger, ...(slack ? { desk: slack } : {}) });
  const slackDesk = built.slack;
  // Opened below; a start-up that fails after them (the port taken) must not leave the job queue's
  // Redis connection and worker, or the digest's timer, running.
  const opened: { runner?: JobRunner; jobs?: BackgroundJobs; digest?: { stop(): void } } = {};
  try {
    for (const adapter of [
      ...createChannelAdapters(config, {
        logger: app.logger,
        transcript: app.transcript,
        stores: app.stores,
        pushes: app.pushes,
        onSendRetry: (channel) => app.metrics.sendRetried(channel),
      }),
      ...(slackCustomers ? [slackCustomers] : []),
      ...(options.adapters ?? []),
    ])
      app.channels.register(adapter);
    for (const adapter of app.channels.all()) await adapter.start(app.bot);
    await slackDesk?.start(app.handoff, {
      blocks: app.blocks,
      tickets: createDeskTicketActions({ handoff: app.handoff, tickets: app.tickets }),
    });
    const deskWeb = app.localDesk
      ? createDeskWeb({
          handoff: app.handoff,
          desk: app.localDesk,
          logger: app.logger,
          token: config.DESK_TOKEN,
          blocks: app.blocks,
          tickets: app.tickets,
          transcript: app.transcript,
        })
      : undefined;
    const gaps = createGapService({
      unanswered: app.unanswered,
      knowledge: app.knowledge,
      timeZone: app.tickets.policy.config.timeZone,
    });
    // Insights follow the desk's access rule; with the Slack desk and no DESK_TOKEN the start-up
    // exposure check has not run, so they are served only with a token.
    const insightsWeb =
      app.localDesk || config.DESK_TOKEN
        ? createInsightsWeb({
            insights: app.insights,
            logger: app.logger,
            access: (request) => checkDeskAccess(request, config.DESK_TOKEN),
            kb: {
              gaps,
              knowledge: app.knowledge,
              editor: createKbEditor({ file: config.KB_PATH, knowledge: app.knowledge }),
            },
          })
        : undefined;
    // Every part that serves HTTP is mounted alike: its routes, and its WebSockets by path.
    const contributors: HttpContributor[] = [
      ...app.channels.all(),
      ...(deskWeb ? [deskWeb] : []),
      ...(insightsWeb ? [insightsWeb] : []),
      ...(slackDesk ? [slackDesk] : []),
      { http: createMetricsRoute({ metrics: app.metrics, token: config.DESK_TOKEN, logger: app.logger }) },
    ];
    app.metrics.collectNodeMetrics();
    // With Redis, the jobs go on a queue every process shares: each period's run happens once.
    const runner =
      config.STORE === "redis" && config.REDIS_URL
        ? await createBullJobs({
            url: config.REDIS_URL,
            prefix: `${config.REDIS_PREFIX}jobs`,
            logger: app.logger,
            onRun: app.metrics.jobRun,
          })
        : createTimerJobs({ logger: app.logger, onRun: app.metrics.jobRun });
    opened.runner = runner;
    const jobs = startBackgroundJobs({
      tickets: app.tickets,
      handoff: app.handoff,
      ticketDesk: app.ticketDesk,
      logger: app.logger,
      autoCloseDays: config.TICKET_AUTO_CLOSE_DAYS,
      onSlaEvent: (event) => app.metrics.slaEvent(event),
      runner,
      purgeExpired: () => app.stores.purgeExpired(),
      ...(config.JOBS_INTERVAL_SECONDS ? { intervalMs: config.JOBS_INTERVAL_SECONDS * 1000 } : {}),
    });
    opened.jobs = jobs;
    // The weekly digest (INSIGHTS_DIGEST_CHANNEL): off by default.
    const digest = digestOptions
      ? startDigestJob({
          at: digestOptions.at,
          timeZone: app.tickets.policy.config.timeZone,
          coordinator: app.coordinator,
          send: createDigestSender({
            insights: app.insights,
            gaps,
            language: config.DESK_LANGUAGE,
            post: createSlackDigestPoster(digestOptions).post,
          }),
          logger: app.logger,
        })
      : undefined;
    if (digest) opened.digest = digest;
    app.metrics.watchJobQueue(() => runner.depth());
    const contributions = contributors.map((part) => part.http);
    const http = createHttpApp(httpHostOf(app, { jobs: () => jobs.health() }), contributions);
    // One upgrade listener for the server: each WebSocket endpoint by path, 404 for the rest.
    const upgrades = createUpgradeDispatcher({ endpoints: websocketsOf(contributions), logger: app.logger });
    const { server, port } = await listen(http, config.PORT, config.HOST, upgrades);
    if (config.KB_WATCH) app.knowledge.watch(app.logger);
    await jobs.started;
    const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
    return {
      app,
      server,
      port,
      url: `http://${shownHost}:${port}/`,
      async stop() {
        await jobs.stop();
        digest?.stop();
        // WebSockets keep the server open: stop the desks and the adapters first.
        await deskWeb?.stop();
        await slackDesk?.stop();
        await app.channels.stopAll();
        await closeServer(server);
        await app.close();
      },
    };
  } catch (error) {
    opened.digest?.stop();
    await (opened.jobs ?? opened.runner)?.stop().catch(() => undefined);
    await slackDesk?.stop().catch(() => undefined);
    await app.close();
    throw error;
  }
}

/**
 * Slack customers ride on the Slack desk's app (SLACK_CUSTOMERS, SLACK_SUPPORT_CHANNELS): the desk
 * attaches the adapter's listeners when it builds its Bolt app. Refused without the desk.
 */
function slackCustomerAdapterFor(config: Config, logger: Logger): SlackCustomerAdapter | undefined {
  const customers = slackCustomerOptionsFromConfig(config);
  if (!customers) return undefined;
  const desk = slackOptionsFromConfig(config);
  if (!desk)
    throw new ConfigError(
      "SLACK_CUSTOMERS/SLACK_SUPPORT_CHANNELS need the Slack app: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) and SLACK_DESK_CHANNEL, or remove them.",
    );
  const deskChannels = [desk.defaultChannel, ...Object.values(desk.teamChannels)];
  const both = customers.supportChannels.filter((id) => deskChannels.includes(id));
  if (both.length > 0)
    throw new ConfigError(
      `${both.join(", ")} ${both.length > 1 ? "are" : "is"} both a desk channel and in SLACK_SUPPORT_CHANNELS: a conversation is never both. Remove ${both.length > 1 ? "them" : "it"} from one of the lists.`,
    );
  return createSlackCustomerAdapter({ supportChannels: customers.supportChannels, deskChannels, logger });
}
