// `GET /api/events`: the Kubernetes Events about one object, read with the caller's own token in
// bearer mode (RBAC decides, and a refusal is said, not shown as an empty list). The page asks again
// every few seconds with the ETag it holds; an unchanged answer is a 304.
import { createHash } from 'node:crypto'
import { EventsQuerySchema, kindInfo, splitApiVersion } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import { eventsReaderOf } from '../../sources/events.ts'
import type { ServerContext } from '../context.ts'
import { HttpError, parseOr400 } from '../errors.ts'

export function eventRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/api/events', async (request, reply) => {
    const q = parseOr400(EventsQuerySchema, request.query)
    const reader = eventsReaderOf(ctx.source)
    if (!reader) {
      throw new HttpError(
        404,
        'NotFound',
        'Events exist only in a cluster; this server reads a folder of manifests',
      )
    }
    const held = ctx.store.get(q.kind, q.namespace, q.name)?.object
    const apiVersion = held?.apiVersion ?? q.apiVersion
    const group = apiVersion === undefined ? undefined : splitApiVersion(apiVersion).group
    // A namespace named for a cluster-scoped kind would look for its Events in the wrong place.
    const namespaced = group === undefined ? true : (kindInfo(group, q.kind)?.namespaced ?? true)
    const answer = await reader.objectEvents(
      request.caller?.credentials ?? {},
      { kind: q.kind, name: q.name, namespace: namespaced ? q.namespace : undefined },
      { uid: held?.metadata.uid, group },
    )
    const { now: _, ...content } = answer
    const etag = `"${createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 27)}"`
    reply.header('etag', etag).header('cache-control', 'no-cache')
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    return answer
  })
}
