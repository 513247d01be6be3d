# Switchboard: two stages on node:20-slim.
# - deps: installs the production dependencies only (npm ci --omit=dev). better-sqlite3 downloads a
#   prebuilt binary; the compilers are here for the fallback build and never reach the runtime image.
# - runtime: those node_modules plus the sources, run as the unprivileged `node` user.
# The app is TypeScript run by tsx, which is a production dependency (package.json "dependencies"),
# so --omit=dev keeps it and there is no compile step: the image runs exactly what `npm start` runs.

FROM node:20-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json tsconfig.json ./
COPY --chown=node:node src ./src
COPY --chown=node:node adapters ./adapters
COPY --chown=node:node flows ./flows
COPY --chown=node:node kb ./kb
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node runs as PID 1 itself (not under npm), so SIGTERM reaches the bot's graceful stop (src/main.ts).
CMD ["node", "--import", "tsx", "src/main.ts"]
