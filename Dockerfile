# jingpin: runs from its TypeScript sources (tsx compiles on load, as `npm start` does), so there
# is no build output; the first stage installs production dependencies, the second carries only
# what runs, as the unprivileged `node` user.

FROM node:24.22.3-alpine AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# A file: dependency of the lock file (the bpmnlint plugin); npm ci wants it present even when omitted.
COPY lint/bpmnlint-plugin-jingpin ./lint/bpmnlint-plugin-jingpin
# No install scripts: nothing jingpin runs needs them (docs/PACKAGES gotchas).
# form-js pulls @ibm/telemetry-js; nothing of jingpin's reports anywhere.
ENV IBM_TELEMETRY_DISABLED=true
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:24.22.3-alpine AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node types ./types
COPY --chown=node:node bin ./bin
COPY --chown=node:node platform ./platform
COPY --chown=node:node domain ./domain
COPY --chown=node:node workers ./workers
COPY --chown=node:node api ./api
COPY --chown=node:node web ./web
COPY --chown=node:node bpmn ./bpmn
COPY --chown=node:node migrations ./migrations
COPY --chown=node:node rules ./rules
# The attachments folder (ATTACHMENTS_DIR), owned by `node`: a volume mounted here starts with this owner.
RUN mkdir -p /app/data/attachments && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/jingpin.js", "start"]
