# syntax=docker/dockerfile:1
# Gatemap's image: the server and the CLI on Node 24, serving the built web app, as a non-root user
# on a read-only root filesystem. No Docker engine runs on our machines, so scripts/image-steps.ts
# performs these same instructions in order outside Docker (and lints this file); the test command
# runs it. Conventions it relies on: RUN commands use paths relative to WORKDIR, and a RUN that only
# makes sense inside an image is preceded by a `# image-only:` comment saying why.
ARG NODE_IMAGE=node:24-bookworm-slim

# The workspace manifests and pnpm: the base of the two build stages.
FROM ${NODE_IMAGE} AS workspace
WORKDIR /src
# image-only: outside Docker, scripts/bootstrap.sh provides this pnpm (the version in package.json).
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/

# The web app, built with its dev dependencies; only its output leaves this stage.
FROM workspace AS web
RUN pnpm install --frozen-lockfile --filter @gatemap/web...
COPY shared/src shared/src
COPY web/index.html web/vite.config.ts web/tsconfig.json web/
COPY web/src web/src
RUN pnpm -C web exec vite build --outDir dist --emptyOutDir

# The server and CLI with production dependencies only. Node runs the TypeScript sources as they
# are (type stripping), so there is no compile step.
FROM workspace AS server
RUN pnpm install --frozen-lockfile --prod --filter @gatemap/server...
COPY shared/src shared/src
COPY server/src server/src
COPY examples examples

FROM ${NODE_IMAGE}
# image-only: npm, npx, corepack and yarn are build tools; the running server needs node alone.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
# A young generation of at most 8 MB per semi-space, as ./gatemap runs the CLI (server/src/cli/bundle.ts
# says why): serve with 10,000 routes from a folder peaked at 243-273 MB instead of 360-378 MB. The
# heap itself is not capped, so a big cluster still gets the memory it needs.
ENV NODE_ENV=production GATEMAP_WEB_DIR=/app/web/dist NODE_OPTIONS=--max-semi-space-size=8
WORKDIR /app
COPY --from=server /src /app
COPY --from=web /src/web/dist /app/web/dist
# A numeric user, so that a pod's runAsNonRoot can verify it; it owns nothing in /app.
USER 65532:65532
EXPOSE 7480
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "/app/server/src/cli/main.ts", "healthcheck"]
ENTRYPOINT ["node", "/app/server/src/cli/main.ts"]
CMD ["serve", "--host", "0.0.0.0"]
