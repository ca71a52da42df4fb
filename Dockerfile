# First version: the CLI (and, once it exists, the server) on Node 24. Finished with the ship-it issue.
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

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
USER node
ENTRYPOINT ["node", "/app/server/src/cli/main.ts"]
CMD ["serve"]
