import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema, PROJECT_ROOT } from "../../src/app/config.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { createHttpApp } from "../../src/http/create-http-app.ts";

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), "utf8");

/** One Dockerfile instruction: its keyword and the rest, continuation lines joined. */
interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each its FROM line and instructions (comments and blank lines dropped). */
function dockerStages(text: string): { from: string; name?: string; instructions: Instruction[] }[] {
  const logical = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: ReturnType<typeof dockerStages> = [];
  for (const line of logical) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") {
      const [image = "", as, name] = rest;
      stages.push({ from: image, ...(as?.toUpperCase() === "AS" && name ? { name } : {}), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

interface ComposeService {
  image?: string;
  build?: unknown;
  deploy?: { replicas?: number };
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((entry) => [entry.split("=")[0] ?? "", entry.split("=").slice(1).join("=")]),
  );
}

describe("Dockerfile", () => {
  const stages = dockerStages(read("Dockerfile"));
  const runtime = stages.at(-1);

  it("is multi-stage on node:20-slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(\.\d+)*-slim$/);
  });

  it("runs as a non-root user in the runtime stage, before it starts the bot", () => {
    const instructions = runtime?.instructions ?? [];
    const user = instructions.findLastIndex((step) => step.keyword === "USER");
    expect(user).toBeGreaterThan(-1);
    expect(instructions[user]?.args).not.toMatch(/^(root|0)(:|$)/);
    expect(user).toBeLessThan(instructions.findIndex((step) => step.keyword === "CMD"));
  });

  it("gets its node_modules from npm ci --omit=dev, and never installs dev dependencies", () => {
    const installs = stages.flatMap((stage) =>
      stage.instructions.filter((step) => step.keyword === "RUN" && /\bnpm (ci|install|i)\b/.test(step.args)),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.args).toMatch(/npm ci --omit=dev/);
    const copied = runtime?.instructions.find(
      (step) => step.keyword === "COPY" && /node_modules/.test(step.args),
    );
    const source = copied?.args.match(/--from=(\S+)/)?.[1];
    const installer = stages.find((stage) => stage.name === source);
    expect(installer?.instructions.some((step) => /npm ci --omit=dev/.test(step.args))).toBe(true);
  });

  it("starts what npm start starts, with tsx, which --omit=dev keeps (a production dependency)", () => {
    const pkg = JSON.parse(read("package.json")) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe("tsx src/main.ts");
    expect(pkg.dependencies.tsx).toBeDefined();
    expect(pkg.devDependencies.tsx).toBeUndefined();
    const cmd = runtime?.instructions.find((step) => step.keyword === "CMD")?.args ?? "";
    expect(JSON.parse(cmd)).toEqual(["node", "--import", "tsx", "src/main.ts"]);
  });

  it("copies only paths that exist, and every directory the bot reads at run time", () => {
    const copies = (runtime?.instructions ?? []).filter(
      (step) => step.keyword === "COPY" && !step.args.includes("--from="),
    );
    const sources = copies.flatMap((step) => {
      const parts = step.args.split(/\s+/).filter((part) => !part.startsWith("--"));
      return parts.slice(0, -1);
    });
    for (const source of sources) expect(existsSync(path.join(PROJECT_ROOT, source)), source).toBe(true);
    for (const needed of ["package.json", "src", "adapters", "flows", "kb"])
      expect(sources).toContain(needed);
  });

  it("checks its health on /healthz", () => {
    const check = runtime?.instructions.find((step) => step.keyword === "HEALTHCHECK")?.args ?? "";
    expect(check).toContain("/healthz");
  });
});

describe(".dockerignore", () => {
  it("keeps secrets, local data and the host's node_modules out of the build context", () => {
    const lines = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim());
    for (const pattern of [".env", "data/", "node_modules/"]) expect(lines).toContain(pattern);
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml")) as { services: Record<string, ComposeService> };
  const { services } = compose;
  const bots = Object.values(services).filter((service) => service.build !== undefined);

  it("runs two bot replicas beside Redis and PostgreSQL", () => {
    expect(bots).toHaveLength(1);
    expect(bots[0]?.deploy?.replicas).toBe(2);
    expect(services.redis?.image).toMatch(/^redis:/);
    expect(services.postgres?.image).toMatch(/^postgres:/);
  });

  it("sets only variables the configuration schema knows, and wires Redis and PostgreSQL", () => {
    const known = new Set(Object.keys(configSchema.shape));
    const env = environmentOf(bots[0] ?? {});
    for (const name of Object.keys(env))
      expect(known.has(name), `${name} is not in the config schema`).toBe(true);
    expect(env.STORE).toBe("redis");
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    // The values parse as the bot would parse them (placeholders filled as compose would).
    const filled = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value.replace(/\$\{(\w+)(?::?[-?][^}]*)?\}/g, (_m, name: string) =>
          name === "DESK_TOKEN" ? "0123456789abcdef0123456789abcdef" : "secret",
        ),
      ]),
    );
    expect(configSchema.safeParse(filled).success).toBe(true);
  });

  it("starts the bots once Redis and PostgreSQL are healthy, and each service has a health check", () => {
    const bot = bots[0];
    expect(bot?.depends_on?.redis?.condition).toBe("service_healthy");
    expect(bot?.depends_on?.postgres?.condition).toBe("service_healthy");
    for (const [name, service] of Object.entries(services))
      expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
  });

  it("checks the bots on /healthz, a path the bot's HTTP app serves", async () => {
    const test = [bots[0]?.healthcheck?.test ?? []].flat().join(" ");
    const url = test.match(/http:\/\/127\.0\.0\.1:3000(\/\w+)/)?.[1];
    expect(url).toBe("/healthz");
    const http = createHttpApp({ health: () => ({ status: "ok" }), logger: createSilentLogger() });
    expect((await http.request(url ?? "/")).status).toBe(200);
  });
});
