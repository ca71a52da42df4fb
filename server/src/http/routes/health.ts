// Probes and metrics. /healthz and /readyz answer without a token (kubelet probes carry none);
// /metrics needs one like every other route.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.ts'

export function healthRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/healthz', async () => ({ ok: true }))

  app.get('/readyz', async (_request, reply) => {
    const ready = ctx.source.ready()
    const kinds = ctx.store.kindStates().map((k) => ({ kind: k.kind, state: k.state }))
    reply.code(ready ? 200 : 503)
    return { ready, source: ctx.source.info, kinds, files: ctx.store.fileStates().length }
  })

  app.get('/metrics', async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType)
    return ctx.metrics.registry.metrics()
  })
}
