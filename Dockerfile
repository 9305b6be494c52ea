# Rivet: one image for `rivet start` (API + workers) and `rivet worker`.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    RIVET_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY tsconfig.json ./
# Kept photos (and the embedded database when DATABASE_URL is unset) live here. Owned by the
# runtime user, so a named volume mounted on it starts out writable by Rivet.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1's only child of note: SIGTERM from `docker stop` reaches Rivet directly.
ENTRYPOINT ["node", "bin/rivet.mjs"]
CMD ["start"]
