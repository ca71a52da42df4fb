// The editors' live checks, run in the graph worker where the analysis already is. This module and
// the validator it pulls in (CEL) are a separate chunk, loaded only when an editor opens.
import {
  type Analyzer,
  type CrdLike,
  checkDraft,
  crdJsonSchema,
  type KubeObject,
  type Mirror,
  objectKey,
  parentCandidates,
  ROUTE_KINDS,
  type Route,
  schemaUri,
  splitApiVersion,
} from '@gatemap/shared'
import type { DraftRequest, DraftResult, DraftSchema } from '@gatemap/shared/view/frame/messages.ts'

/** CRDs by group/kind: null once the server said none is installed; fetched once per kind. */
const crds = new Map<string, Promise<unknown | null>>()

function crdFor(group: string, kind: string): Promise<unknown | null> {
  const key = `${group}/${kind}`
  let pending = crds.get(key)
  if (!pending) {
    const query = new URLSearchParams({ group, kind })
    pending = fetch(`/api/crd?${query}`, { credentials: 'same-origin' }).then(async (response) => {
      if (response.status === 404) return null
      if (!response.ok) throw new Error(`the server answered ${response.status} for the CRD of ${kind}`)
      return (await response.json()) as unknown
    })
    // A failed fetch is retried by the next check rather than remembered.
    pending.catch(() => crds.delete(key))
    crds.set(key, pending)
  }
  return pending
}

/** Which apiVersion/kind the text declares, read cheaply so the CRD can be fetched before parsing. */
function declared(text: string): { apiVersion?: string; kind?: string } {
  const apiVersion = /^apiVersion:\s*["']?([^\s"'#]+)/m.exec(text)?.[1]
  const kind = /^kind:\s*["']?([A-Za-z]+)/m.exec(text)?.[1]
  return { ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}) }
}

const schemasSent = new Set<string>()
const ROUTES: ReadonlySet<string> = new Set(ROUTE_KINDS)

export async function runDraftCheck(
  request: DraftRequest,
  analyzer: () => Analyzer,
  mirror: Mirror,
): Promise<DraftResult> {
  const { apiVersion, kind } = declared(request.text)
  const group = apiVersion ? splitApiVersion(apiVersion).group : ''
  // Gateway API kinds and policies of any group have CRDs; core kinds have none.
  const crd = kind && group !== '' ? await crdFor(group, kind) : undefined
  // Timed from here: the CRD is fetched once, the check runs on every keystroke.
  const start = performance.now()
  let schema: DraftSchema | undefined
  if (crd && apiVersion && kind && !schemasSent.has(apiVersion + kind)) {
    try {
      const { version } = splitApiVersion(apiVersion)
      schema = {
        uri: schemaUri(group, kind, version),
        apiVersion,
        kind,
        schema: crdJsonSchema(crd as CrdLike, version),
      }
      schemasSent.add(apiVersion + kind)
    } catch {
      // An apiVersion the CRD does not serve: the validator's findings say so on the line.
    }
  }
  const draftKind = kind ?? ''
  const current = (object: { kind: string; metadata: { namespace?: string; name: string } }) =>
    mirror.objects.get(objectKey(object.kind, object.metadata.namespace, object.metadata.name))?.object as
      | KubeObject
      | undefined
  const result = checkDraft(request.text, request.file, {
    crd: crd ?? undefined,
    analyzer: analyzer(),
    current,
  })
  const stored = result.object ? current(result.object) : undefined
  const object = result.object
  const namespace = object?.metadata.namespace ?? ''
  const services: Record<string, string[]> = {}
  if (object) {
    services[namespace] = [...analyzer().store.services.values()]
      .filter((s) => (s.metadata.namespace ?? '') === namespace)
      .map((s) => s.metadata.name)
      .sort()
  }
  const parents = object && ROUTES.has(draftKind) ? parentCandidates(analyzer(), object as Route) : []
  return {
    type: 'draft-result',
    id: request.id,
    ...(object ? { object } : {}),
    findings: result.findings,
    ...(result.preview?.attachment ? { attachment: result.preview.attachment } : {}),
    parents,
    services,
    ...(schema ? { schema } : {}),
    ...(stored ? { current: stored } : {}),
    ms: performance.now() - start,
  }
}
