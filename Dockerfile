# First version: the CLI, the server and the web app on Node 24. Finished with the ship-it issue.
# scripts/image-steps.sh performs the same steps outside Docker, and the test command runs it.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/package.json
COPY server/package.json server/package.json
COPY web/package.json web/package.json
COPY e2e/package.json e2e/package.json
RUN pnpm install --frozen-lockfile --prod --filter @gatemap/server...
COPY shared/src shared/src
COPY server/src server/src
COPY examples examples

# The web app is built with its dev dependencies in a stage of its own; only web/dist is kept.
FROM build AS web
RUN pnpm install --frozen-lockfile --filter @gatemap/web...
COPY web/index.html web/vite.config.ts web/tsconfig.json web/
COPY web/src web/src
RUN pnpm -C web exec vite build --outDir /app/web/dist --emptyOutDir

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
COPY --from=web /app/web/dist /app/web/dist
USER node
ENTRYPOINT ["node", "/app/server/src/cli/main.ts"]
CMD ["serve", "--web", "/app/web/dist"]
