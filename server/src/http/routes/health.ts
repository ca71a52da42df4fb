// Probes and metrics. /healthz and /readyz answer without a token (kubelet probes carry none), but
// /readyz says only ready or not to them: which folder or cluster, its kinds and files are for a
// signed-in caller. /metrics needs a token like every other route.
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.ts'

export function healthRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/healthz', async () => ({ ok: true }))

  app.get('/readyz', async (request, reply) => {
    const ready = ctx.source.ready()
    reply.code(ready ? 200 : 503)
    if (!request.caller) return { ready }
    const kinds = ctx.store.kindStates().map((k) => ({ kind: k.kind, state: k.state }))
    return { ready, source: ctx.source.info, kinds, files: ctx.store.fileStates().length }
  })

  app.get('/metrics', async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType)
    return ctx.metrics.registry.metrics()
  })
}
