// Reading: one object as YAML or JSON, its computed status, and the CRDs that validation uses.
import { ObjectQuerySchema, type SourceTextResponse, type WireObject } from '@gatemap/shared'
import type { FastifyInstance } from 'fastify'
import { stringify } from 'yaml'
import { z } from 'zod'
import type { ServerContext } from '../context.ts'
import { HttpError, parseOr400 } from '../errors.ts'
import { personalView } from '../stream-filter.ts'

export function withoutManagedFields(object: WireObject): WireObject {
  if (!('managedFields' in object.metadata)) return object
  const { managedFields: _, ...metadata } = object.metadata
  return { ...object, metadata }
}

export function readRoutes(app: FastifyInstance, ctx: ServerContext) {
  app.get('/api/object', async (request, reply) => {
    const q = parseOr400(ObjectQuerySchema, request.query)
    let object: WireObject | undefined
    const bearer = request.caller?.credentials.bearerToken
    if (bearer && !q.apiVersion) {
      throw new HttpError(
        400,
        'BadRequest',
        'in bearer mode, name the apiVersion: the read is made with your own token',
      )
    }
    if (bearer && q.apiVersion) {
      // Bearer mode: the person's own token decides whether they may read it.
      object = await ctx.source.writer({ bearerToken: bearer }).get({
        apiVersion: q.apiVersion,
        kind: q.kind,
        name: q.name,
        ...(q.namespace ? { namespace: q.namespace } : {}),
      })
    } else {
      object = ctx.store.get(q.kind, q.namespace, q.name)?.object
    }
    if (!object) {
      throw new HttpError(
        404,
        'NotFound',
        `${q.kind} ${q.namespace ? `${q.namespace}/` : ''}${q.name} not found`,
      )
    }
    const clean = withoutManagedFields(object)
    if (q.format === 'yaml') return reply.type('application/yaml').send(stringify(clean))
    return clean
  })

  // Folder mode: the object's own text in its file, for the YAML view and as an edit's first draft.
  app.get('/api/source', async (request): Promise<SourceTextResponse> => {
    const q = parseOr400(ObjectQuerySchema, request.query)
    const writer = ctx.source.writer(request.caller?.credentials ?? {})
    const what = `${q.kind} ${q.namespace ? `${q.namespace}/` : ''}${q.name}`
    if (!writer.sourceText)
      throw new HttpError(404, 'NotFound', `${what} has no file: it comes from a cluster`)
    const apiVersion = q.apiVersion ?? ctx.store.get(q.kind, q.namespace, q.name)?.object.apiVersion
    const found =
      apiVersion &&
      (await writer.sourceText({
        apiVersion,
        kind: q.kind,
        name: q.name,
        ...(q.namespace ? { namespace: q.namespace } : {}),
      }))
    if (!found) throw new HttpError(404, 'NotFound', `${what} not found in the folder`)
    return { ...found, object: withoutManagedFields(found.object) }
  })

  app.get('/api/status', async (request) => {
    const q = parseOr400(ObjectQuerySchema, request.query)
    // Bearer mode: only about objects this person may list, and judged with what they can see.
    const view = await personalView(ctx, request.caller?.credentials)
    const entry = ctx.store.get(q.kind, q.namespace, q.name)
    if (view && (!entry || !view.filter.object(entry))) {
      throw new HttpError(404, 'NotFound', `no computed status for ${q.kind} ${q.name} that you may see`)
    }
    const analyzer = view ? ctx.analysis.views.analyzer(view) : ctx.analysis.analyzer
    const status = ctx.analysis.statusOf(q.kind, q.namespace, q.name, analyzer)
    if (status === undefined)
      throw new HttpError(404, 'NotFound', `no computed status for ${q.kind} ${q.name}`)
    return { status }
  })

  app.get('/api/crds', async () =>
    ctx.crds.all().map((crd) => ({
      name: crd.metadata.name,
      group: crd.spec.group,
      kind: crd.spec.names.kind,
      versions: crd.spec.versions.filter((v) => v.served).map((v) => v.name),
    })),
  )

  app.get('/api/crd', async (request) => {
    const q = parseOr400(z.object({ group: z.string(), kind: z.string() }), request.query)
    const crd = ctx.crds.forKind(q.group, q.kind)
    if (!crd) throw new HttpError(404, 'NotFound', `no CustomResourceDefinition for ${q.kind}.${q.group}`)
    return crd
  })
}
