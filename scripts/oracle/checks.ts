// Turns two answers for one input set — Gatemap's status and Envoy Gateway's — into the list of
// status checks both are asked about, each with the value each side gives. Pure: no I/O.

/** The controllerName Gatemap writes on a parent no real controller owns (shared/src/analysis). */
export const NO_CONTROLLER = 'gatemap.dev/analysis'

export const NO_ENTRY = '(no entry)'
export const ABSENT = '(absent)'

const GATEWAY_GROUP = 'gateway.networking.k8s.io'
/** Parent kinds a Gateway implementation answers for; mesh parents (Service) are not compared. */
const GATEWAY_PARENT_KINDS = new Set(['Gateway', 'ListenerSet'])
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'])

export interface ObjectStatus {
  kind: string
  namespace?: string
  name: string
  status: unknown
}

export type Compared =
  | 'Gateway Accepted'
  | 'listener Accepted'
  | 'listener ResolvedRefs'
  | 'listener Conflicted'
  | 'listener attachedRoutes'
  | 'route parent Accepted'
  | 'route parent ResolvedRefs'
  | 'policy ancestor Accepted'
  | 'policy ancestor ResolvedRefs'
  | 'policy ancestor Overridden'

export const COMPARED: readonly Compared[] = [
  'Gateway Accepted',
  'listener Accepted',
  'listener ResolvedRefs',
  'listener Conflicted',
  'listener attachedRoutes',
  'route parent Accepted',
  'route parent ResolvedRefs',
  'policy ancestor Accepted',
  'policy ancestor ResolvedRefs',
  'policy ancestor Overridden',
]

/**
 * The policy kinds whose `status.ancestors[]` both sides compute: the Gateway API's BackendTLSPolicy
 * and the Envoy Gateway kinds its translator is given (tools/eg-oracle). ResolvedRefs is a
 * BackendTLSPolicy condition (backendtlspolicy_types.go); Overridden is Envoy Gateway's own.
 */
const POLICY_KINDS: Record<string, { resolvedRefs: boolean; overridden: boolean }> = {
  BackendTLSPolicy: { resolvedRefs: true, overridden: false },
  BackendTrafficPolicy: { resolvedRefs: false, overridden: true },
  ClientTrafficPolicy: { resolvedRefs: false, overridden: true },
  SecurityPolicy: { resolvedRefs: false, overridden: true },
}

export interface Check {
  /** The input set's name. */
  input: string
  what: Compared
  /** `Kind namespace/name`. */
  object: string
  /**
   * Where in the object: `listener NAME`, `parent Kind namespace/name[#section][:port]` (a route's
   * parent) or `ancestor Kind namespace/name[#section]` (a policy's); '' for the object.
   */
  place: string
  /** `Status/Reason` for a condition, a number for attachedRoutes, or ABSENT / NO_ENTRY. */
  gatemap: string
  eg: string
  gatemapMessage?: string
  egMessage?: string
}

interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

interface Listener {
  name: string
  attachedRoutes?: number
  conditions: Condition[]
}

interface Parent {
  key: string
  place: string
  conditions: Condition[]
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function conditions(value: unknown): Condition[] {
  return array(value).flatMap((c) => {
    const r = record(c)
    if (typeof r.type !== 'string' || typeof r.status !== 'string') return []
    const out: Condition = { type: r.type, status: r.status }
    if (typeof r.reason === 'string') out.reason = r.reason
    if (typeof r.message === 'string') out.message = r.message
    return [out]
  })
}

function listeners(status: unknown): Listener[] {
  return array(record(status).listeners).flatMap((l) => {
    const r = record(l)
    if (typeof r.name !== 'string') return []
    const out: Listener = { name: r.name, conditions: conditions(r.conditions) }
    if (typeof r.attachedRoutes === 'number') out.attachedRoutes = r.attachedRoutes
    return [out]
  })
}

/** A parentRef with its defaults filled, so the two sides' spellings of one parent compare equal. */
function parentKey(
  ref: Record<string, unknown>,
  routeNamespace: string | undefined,
): { key: string; place: string } {
  const group = typeof ref.group === 'string' ? ref.group : GATEWAY_GROUP
  const kind = typeof ref.kind === 'string' ? ref.kind : 'Gateway'
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : (routeNamespace ?? '')
  const name = String(ref.name)
  const section = typeof ref.sectionName === 'string' ? `#${ref.sectionName}` : ''
  const port = typeof ref.port === 'number' ? `:${ref.port}` : ''
  const groupPart = group === GATEWAY_GROUP ? '' : `${group}/`
  return {
    key: `${group}/${kind}/${namespace}/${name}${section}${port}`,
    place: `parent ${groupPart}${kind} ${namespace}/${name}${section}${port}`,
  }
}

function parents(status: unknown, routeNamespace: string | undefined): Parent[] {
  return array(record(status).parents).flatMap((p) => {
    const r = record(p)
    const ref = record(r.parentRef)
    if (r.controllerName === NO_CONTROLLER) return []
    const group = typeof ref.group === 'string' ? ref.group : GATEWAY_GROUP
    const kind = typeof ref.kind === 'string' ? ref.kind : 'Gateway'
    if (group !== GATEWAY_GROUP || !GATEWAY_PARENT_KINDS.has(kind)) return []
    return [{ ...parentKey(ref, routeNamespace), conditions: conditions(r.conditions) }]
  })
}

/** A policy's ancestors a Gateway implementation answers for (not Gatemap's stand-in entries). */
function ancestors(status: unknown, policyNamespace: string | undefined): Parent[] {
  return array(record(status).ancestors).flatMap((a) => {
    const r = record(a)
    if (r.controllerName === NO_CONTROLLER) return []
    const { key, place } = parentKey(record(r.ancestorRef), policyNamespace)
    return [{ key, place: place.replace(/^parent /, 'ancestor '), conditions: conditions(r.conditions) }]
  })
}

function conditionValue(list: Condition[] | undefined, type: string): { value: string; message?: string } {
  if (list === undefined) return { value: NO_ENTRY }
  const c = list.find((x) => x.type === type)
  if (!c) return { value: ABSENT }
  return {
    value: `${c.status}/${c.reason ?? ''}`,
    ...(c.message !== undefined ? { message: c.message } : {}),
  }
}

/**
 * The status a Gateway has before any controller writes one: the Gateway CRD's default
 * (Accepted and Programmed Unknown/Pending), so a Gateway no implementation answered for still
 * compares with Gatemap's view of it.
 */
const CRD_DEFAULT_GATEWAY_STATUS = {
  conditions: [
    { type: 'Accepted', status: 'Unknown', reason: 'Pending' },
    { type: 'Programmed', status: 'Unknown', reason: 'Pending' },
  ],
}

function objectName(o: ObjectStatus): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`
}

function byObject(list: ObjectStatus[]): Map<string, ObjectStatus> {
  return new Map(list.map((o) => [objectName(o), o]))
}

/**
 * Conditions whose absence the spec gives a meaning: "If this condition is not set, it is assumed
 * that there are no conflicts." (apis/v1 gateway_types.go, ListenerConditionConflicted). An unset
 * Conflicted is compared as the False/NoConflicts it stands for.
 */
const UNSET_MEANS: Record<string, string> = { Conflicted: 'False/NoConflicts' }

function pushCondition(
  out: Check[],
  base: Omit<Check, 'what' | 'gatemap' | 'eg'>,
  what: Compared,
  type: string,
  g: Condition[] | undefined,
  e: Condition[] | undefined,
): void {
  const gv = conditionValue(g, type)
  const ev = conditionValue(e, type)
  const unset = UNSET_MEANS[type]
  if (unset !== undefined) {
    if (gv.value === ABSENT) gv.value = unset
    if (ev.value === ABSENT) ev.value = unset
  }
  // Neither side has the entry: nobody answers for it, so there is nothing to compare.
  if (gv.value === NO_ENTRY && ev.value === NO_ENTRY) return
  const check: Check = { ...base, what, gatemap: gv.value, eg: ev.value }
  if (gv.message !== undefined) check.gatemapMessage = gv.message
  if (ev.message !== undefined) check.egMessage = ev.message
  out.push(check)
}

function listenerChecks(out: Check[], input: string, object: string, g: unknown, e: unknown): void {
  const gl = new Map(listeners(g).map((l) => [l.name, l]))
  const el = new Map(listeners(e).map((l) => [l.name, l]))
  const names = [...new Set([...gl.keys(), ...el.keys()])]
  for (const name of names) {
    const a = gl.get(name)
    const b = el.get(name)
    const base = { input, object, place: `listener ${name}` }
    pushCondition(out, base, 'listener Accepted', 'Accepted', a?.conditions, b?.conditions)
    pushCondition(out, base, 'listener ResolvedRefs', 'ResolvedRefs', a?.conditions, b?.conditions)
    pushCondition(out, base, 'listener Conflicted', 'Conflicted', a?.conditions, b?.conditions)
    out.push({
      ...base,
      what: 'listener attachedRoutes',
      gatemap: a ? String(a.attachedRoutes ?? ABSENT) : NO_ENTRY,
      eg: b ? String(b.attachedRoutes ?? ABSENT) : NO_ENTRY,
    })
  }
}

/** Every check both sides are asked about in one input set, in a stable order. */
export function checksFor(input: string, gatemap: ObjectStatus[], eg: ObjectStatus[]): Check[] {
  const out: Check[] = []
  const g = byObject(gatemap)
  const e = byObject(eg)
  const names = [...new Set([...g.keys(), ...e.keys()])].sort()
  for (const object of names) {
    const a = g.get(object)
    const b = e.get(object)
    const kind = (a ?? b)?.kind ?? ''
    const namespace = (a ?? b)?.namespace
    if (kind === 'Gateway') {
      const gs = a?.status
      const es = b ? b.status : CRD_DEFAULT_GATEWAY_STATUS
      const base = { input, object, place: '' }
      pushCondition(
        out,
        base,
        'Gateway Accepted',
        'Accepted',
        a ? conditions(record(gs).conditions) : undefined,
        conditions(record(es).conditions),
      )
      listenerChecks(out, input, object, gs, es)
    } else if (kind === 'ListenerSet') {
      listenerChecks(out, input, object, a?.status, b?.status)
    } else if (ROUTE_KINDS.has(kind)) {
      const gp = new Map(parents(a?.status, namespace).map((p) => [p.key, p]))
      const ep = new Map(parents(b?.status, namespace).map((p) => [p.key, p]))
      for (const key of [...new Set([...gp.keys(), ...ep.keys()])]) {
        const x = gp.get(key)
        const y = ep.get(key)
        const base = { input, object, place: (x ?? y)?.place ?? key }
        pushCondition(out, base, 'route parent Accepted', 'Accepted', x?.conditions, y?.conditions)
        pushCondition(out, base, 'route parent ResolvedRefs', 'ResolvedRefs', x?.conditions, y?.conditions)
      }
    } else if (POLICY_KINDS[kind]) {
      const asks = POLICY_KINDS[kind]
      const ga = new Map(ancestors(a?.status, namespace).map((p) => [p.key, p]))
      const ea = new Map(ancestors(b?.status, namespace).map((p) => [p.key, p]))
      for (const key of [...new Set([...ga.keys(), ...ea.keys()])]) {
        const x = ga.get(key)
        const y = ea.get(key)
        const base = { input, object, place: (x ?? y)?.place ?? key }
        pushCondition(out, base, 'policy ancestor Accepted', 'Accepted', x?.conditions, y?.conditions)
        if (asks.resolvedRefs)
          pushCondition(
            out,
            base,
            'policy ancestor ResolvedRefs',
            'ResolvedRefs',
            x?.conditions,
            y?.conditions,
          )
        if (asks.overridden)
          pushCondition(out, base, 'policy ancestor Overridden', 'Overridden', x?.conditions, y?.conditions)
      }
    }
  }
  return out
}

export function agrees(c: Check): boolean {
  return c.gatemap === c.eg
}
