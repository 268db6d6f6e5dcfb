# The API image for docker-compose.yml: built once (`docker compose build`, or on the first `up`), then
# run by every replica. Dependencies are installed and the TypeScript compiled in a build stage; the
# image that runs keeps only what `socai serve` needs, and runs as the unprivileged `node` user.

FROM node:20-bookworm AS build
WORKDIR /app
# Dependencies first, so a change to the code does not reinstall them. --ignore-scripts skips the
# `prepare` build (the sources are not copied yet); better-sqlite3's native module is built explicitly.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
# The build bundles the server after tsc (tools/bundle.mjs; esbuild is a dev dependency, pruned after).
COPY tools/bundle.mjs ./tools/
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY reference-data ./reference-data
# The dashboard's page is read from the source tree at run time (tsc copies no HTML or CSS).
COPY apps/api/src/dashboard/public ./apps/api/src/dashboard/public
# The data directory (signing key, local files) is the only place the process writes; a fresh named
# volume mounted there takes this ownership.
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "bin/socai.js", "serve"]
