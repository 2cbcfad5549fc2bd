# syntax=docker/dockerfile:1
# AdEngine: `adengine serve` on Node 22. Build: docker build -t adengine .
# No credentials are baked in: AWS comes from the SDK chain (an IAM role on AWS), GCS from a
# mounted GOOGLE_APPLICATION_CREDENTIALS file, API keys from the environment (docs/aws-setup.md).

ARG NODE_IMAGE=node:22-bookworm-slim

# Stage 1: compile TypeScript (dev dependencies live only here).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# Stage 2: production dependencies only (no compiler, no test tools).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would try to build, and nothing here needs an install script.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# Stage 3: what runs.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    ADENGINE_HOME=/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
RUN mkdir -p /data && chown node:node /data \
 && ln -s /app/dist/cli.js /usr/local/bin/adengine && chmod +x /app/dist/cli.js
# The official image's unprivileged user (uid 1000).
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The base image's entrypoint runs the command as given: `adengine serve` unless another is named.
CMD ["adengine", "serve"]
