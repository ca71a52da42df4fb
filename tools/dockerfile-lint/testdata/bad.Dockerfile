# Breaks 15 of Docker's build checks on purpose (see README.md). The test
# e2e/test/tools/dockerfile-lint.test.ts expects each finding at its line: move lines with care.
ARG NODE_TAG=24-bookworm-slim
FROM node:${NODE_TAG}${NODE_VARIANT} as deps
MAINTAINER gatemap@example.com
WORKDIR app
ENV NODE_ENV production
ARG NPM_TOKEN
ENV PATH=$PATH:$TOOLS_HOME/bin
run npm ci
RUN apt-get update && \

    apt-get install -y curl
EXPOSE 8080/TCP
CMD node server.js
CMD ["node", "server.js"]

FROM --platform=$TARGETPLATFORM node:${NODE_TAG} AS Runtime
ENTRYPOINT node /app/server.js

FROM node:${NODE_TAG} AS deps
CMD ["node", "--version"]
