// Validate, apply, create, delete. Every write goes through the source's Writer acting for the
// caller (their own token in bearer mode); a dry run sends the same request with dryRun set.
import {
  ApplyRequestSchema,
  DeleteQuerySchema,
  objectKey,
  ProposalSchema,
  type ValidateResponse,
} from '@gatemap/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { WriteError } from '../../sources/source.ts'
import type { ServerContext } from '../context.ts'
import { HttpError, parseOr400 } from '../errors.ts'
import { type ProposedObject, parseProposal, singleObject } from '../proposal.ts'
import { personalView } from '../stream-filter.ts'
import {
  analysisFindings,
  dryRunFindings,
  localSchemaRefusal,
  schemaFindings,
  summarize,
} from '../validate.ts'

export function writeRoutes(app: FastifyInstance, ctx: ServerContext) {
  const writerFor = (request: FastifyRequest) => ctx.source.writer(request.caller?.credentials ?? {})

  function refuseIfReadOnly(dryRun: boolean) {
    if (ctx.readOnly && !dryRun) {
      throw new HttpError(403, 'ReadOnly', 'Gatemap runs with --read-only: every write is refused')
    }
  }

  /** Folder mode has no API server to check the schema, so Gatemap does it before writing. */
  function checkSchemaLocally(proposed: ProposedObject) {
    if (ctx.source.info.mode !== 'folder') return
    const refusal = localSchemaRefusal(ctx.crds, proposed)
    if (!refusal) return
    throw new HttpError(
      422,
      'Invalid',
      refusal.message,
      refusal.errors.map((e) => ({
        ...(e.path ? { field: e.path } : {}),
        message: e.message,
        line: e.line,
        column: e.column,
      })),
    )
  }

  async function counted<T>(operation: string, dryRun: boolean, work: () => Promise<T>): Promise<T> {
    const labels = { operation: dryRun ? `${operation}-dry-run` : operation }
    try {
      const result = await work()
      ctx.metrics.applyResults.inc({ ...labels, result: 'ok' })
      return result
    } catch (error) {
      const status = error instanceof WriteError || error instanceof HttpError ? error.status : 500
      ctx.metrics.applyResults.inc({ ...labels, result: String(status) })
      throw error
    }
  }

  app.post('/api/validate', async (request): Promise<ValidateResponse> => {
    const proposal = parseOr400(ProposalSchema, request.body)
    const parsed = parseProposal(proposal)
    const objects: ValidateResponse['objects'] = []
    const seen = new Set<string>()
    // Bearer mode: judged with what this person can see, so nothing hidden decides or is named.
    const view = await personalView(ctx, request.caller?.credentials)
    const analyzer = view ? ctx.analysis.views.analyzer(view) : ctx.analysis.analyzer
    for (const p of parsed.objects) {
      const { object } = p
      const stored = ctx.store.get(object.kind, object.metadata.namespace, object.metadata.name)
      const current = stored && (!view || view.filter.object(stored)) ? stored.object : undefined
      const findings = schemaFindings(ctx.crds, p, current)
      const key = objectKey(object.kind, object.metadata.namespace, object.metadata.name)
      if (seen.has(key)) {
        // One object, twice: nothing could apply both, so validate must not call it valid either.
        findings.push({
          severity: 'error',
          source: 'request',
          message: `${object.kind} ${object.metadata.name} appears more than once in this proposal`,
          ...p.locate(['metadata', 'name']),
        })
      }
      seen.add(key)
      const analysis = analysisFindings(ctx.analysis, p, analyzer)
      if (analysis) findings.push(...analysis.findings)
      const entry: ValidateResponse['objects'][number] = {
        ref: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: object.metadata.name,
          ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
        },
        findings,
        ...(analysis ? { preview: analysis.preview } : {}),
      }
      // The same request apply would make, as a dry run, in both modes: validate and apply agree.
      // In folder mode apply refuses a schema or CEL violation before the writer; its findings are
      // already above, so the dry run only says it is refused.
      const refusal = ctx.source.info.mode === 'folder' ? localSchemaRefusal(ctx.crds, p) : undefined
      if (refusal) {
        entry.dryRun = { accepted: false, message: `Invalid: ${refusal.message}` }
      } else {
        const dry = await dryRunFindings(
          writerFor(request),
          p,
          ctx.source.info.mode === 'cluster' ? 'apiserver' : 'request',
        )
        entry.dryRun = dry.dryRun
        findings.push(...dry.findings)
      }
      objects.push(entry)
    }
    return summarize(objects, parsed.findings)
  })

  for (const operation of ['apply', 'create'] as const) {
    app.post(`/api/${operation}`, async (request, reply) => {
      const req = parseOr400(ApplyRequestSchema, request.body)
      refuseIfReadOnly(req.dryRun)
      const proposed = singleObject(req)
      checkSchemaLocally(proposed)
      const writer = writerFor(request)
      const result = await counted(operation, req.dryRun, () =>
        operation === 'apply'
          ? writer.apply(proposed.object, { dryRun: req.dryRun, force: req.force })
          : writer.create(proposed.object, { dryRun: req.dryRun }),
      )
      reply.code(result.created && !req.dryRun ? 201 : 200)
      return {
        object: result.object,
        created: result.created,
        dryRun: req.dryRun,
        ...(result.file ? { file: result.file } : {}),
        ...(result.ownership ? { ownership: result.ownership } : {}),
      }
    })
  }

  app.delete('/api/object', async (request) => {
    const q = parseOr400(DeleteQuerySchema, request.query)
    refuseIfReadOnly(q.dryRun)
    await counted('delete', q.dryRun, () =>
      writerFor(request).delete(
        {
          apiVersion: q.apiVersion,
          kind: q.kind,
          name: q.name,
          ...(q.namespace ? { namespace: q.namespace } : {}),
          ...(q.resourceVersion ? { resourceVersion: q.resourceVersion } : {}),
        },
        { dryRun: q.dryRun },
      ),
    )
    return { deleted: true, dryRun: q.dryRun }
  })
}
