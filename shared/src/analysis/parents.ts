// Attaching a route to one parentRef, step by step as conformance implies: find the parent, narrow
// its listeners by sectionName and port, then by allowedRoutes (kinds and namespaces), then by
// hostname. Every step becomes a Check so the UI can show where it failed.
import { CANNOT_CHECK, makeCondition, RouteCondition as RC, RouteReason as RR } from '../conditions.ts'
import { intersectingHostnames } from '../hostnames.ts'
import { describeSelector, selectorMatches } from '../labels.ts'
import { groupKind, isCoreService, type ResolvedParentRef, resolveParentRef, toObjectRef } from '../refs.ts'
import { HOSTNAME_ROUTE_KINDS } from '../route-kinds.ts'
import type { Service } from '../types/core.ts'
import {
  GATEWAY_GROUP,
  type Gateway,
  type Listener,
  type ListenerSet,
  type ParentReference,
  type Route,
} from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import type { GatewayVerdict, ListenerSetVerdict } from './gateways.ts'
import { field } from './listeners.ts'
import { hiddenReason } from './readable.ts'
import { list, listenerSetParentKey, nsName, type ObjectStore } from './store.ts'
import { nearestName } from './suggest.ts'
import type { Check, ListenerVerdict, ObjectRef } from './verdicts.ts'

/** A listener (or, for mesh, a Service port) a route attaches to or was meant for. */
export interface SectionRef {
  owner: ObjectRef
  section: string
}

export interface ParentVerdict {
  index: number
  parentRef: ParentReference
  resolved: ResolvedParentRef
  /** The parent object, when it exists. */
  parent?: ObjectRef
  controllerName?: string
  /** Where the route attaches (empty unless accepted). */
  attached: SectionRef[]
  /** Where the route was aiming when it was rejected, for drawing the rejected edge. */
  intended: SectionRef[]
  accepted: Condition
  checks: Check[]
  /** Why a real controller would write no status for this parentRef, when it would not. */
  noStatusExpected?: string
}

/** What the per-step judges return; judgeParentRef adds the parentRef's index and text. */
type Judged = Omit<ParentVerdict, 'index' | 'parentRef'>

export interface ParentContext {
  store: ObjectStore
  gateway(key: string): GatewayVerdict | undefined
  listenerSet(key: string): ListenerSetVerdict | undefined
}

export function judgeParentRef(ctx: ParentContext, route: Route, index: number): ParentVerdict {
  const parentRef = list<ParentReference>(route.spec?.parentRefs)[index]!
  return { ...judge(ctx, route, index, parentRef), index, parentRef }
}

function judge(ctx: ParentContext, route: Route, index: number, parentRef: ParentReference): Judged {
  const routeNs = route.metadata.namespace ?? ''
  const routeRef = toObjectRef({
    group: GATEWAY_GROUP,
    kind: route.kind,
    namespace: routeNs,
    name: route.metadata.name,
  })
  const resolved = resolveParentRef(parentRef, routeNs)
  const refPath = `spec.parentRefs[${index}]`
  const refField = field(routeRef, refPath, describeParentRef(resolved))
  const base = { resolved, attached: [], intended: [] as SectionRef[] }
  const reject = (reason: string, message: string, checks: Check[], extra: Partial<Judged> = {}): Judged => ({
    ...base,
    ...extra,
    accepted: makeCondition(RC.Accepted, 'False', reason, message, route.metadata.generation),
    checks,
  })

  if (resolved.group === GATEWAY_GROUP && (resolved.kind === 'Gateway' || resolved.kind === 'ListenerSet')) {
    const isSet = resolved.kind === 'ListenerSet'
    const key = nsName(resolved.namespace, resolved.name)
    const object = isSet ? ctx.store.listenerSets.get(key) : ctx.store.gateways.get(key)
    const verdict = isSet ? ctx.listenerSet(key) : ctx.gateway(key)
    const hidden = object
      ? undefined
      : hiddenReason(ctx.store.unreadable, GATEWAY_GROUP, resolved.kind, resolved.namespace)
    if (hidden) return cannotCheck(route, base, `${resolved.kind} ${key}`, hidden, refField)
    if (!object || !verdict) return missingParent(ctx, resolved, refField, reject)
    const parent = verdict.ref
    const found: Check = {
      rule: 'parentRef.exists',
      outcome: 'pass',
      message: `${resolved.kind} ${key} exists.`,
      fields: [refField],
    }
    if (isSet) {
      // Its parent Gateway cannot be read: whether that accepts the ListenerSet is not known.
      const parentKey = listenerSetParentKey(object as ListenerSet)
      const parentNs = parentKey.slice(0, parentKey.indexOf('/'))
      const parentHidden = ctx.store.gateways.has(parentKey)
        ? undefined
        : hiddenReason(ctx.store.unreadable, GATEWAY_GROUP, 'Gateway', parentNs)
      if (parentHidden) {
        const what = `the parent Gateway of ListenerSet ${key}`
        return cannotCheck(route, { ...base, parent }, what, parentHidden, refField)
      }
    }
    const extra: Partial<Judged> = { parent }
    if (verdict.controllerName) extra.controllerName = verdict.controllerName
    if (!verdict.controllerName && !verdict.gatewayClassAssumed) {
      const gatewayClass = isSet
        ? 'its parent Gateway'
        : `GatewayClass ${(object as Gateway).spec?.gatewayClassName}`
      return {
        ...base,
        parent,
        accepted: makeCondition(
          RC.Accepted,
          'Unknown',
          RR.Pending,
          `${gatewayClass} does not exist, so no controller will accept or reject this route on ${resolved.kind} ${key}.`,
          route.metadata.generation,
        ),
        checks: [
          found,
          {
            rule: 'parent.gatewayClass',
            outcome: 'fail',
            message: `No GatewayClass reconciles ${resolved.kind} ${key}.`,
            fields: [field(parent, isSet ? 'spec.parentRef' : 'spec.gatewayClassName')],
            fix: 'Create the GatewayClass the Gateway names, or fix spec.gatewayClassName.',
          },
        ],
        noStatusExpected: 'No controller owns the parent, so nothing writes status for it.',
      }
    }
    if (isSet && !(verdict as ListenerSetVerdict).accepted) {
      const setVerdict = verdict as ListenerSetVerdict
      const why = setVerdict.conditions[0]?.message ?? ''
      return reject(
        RR.NotAllowedByListeners,
        `ListenerSet ${key} is not accepted by its parent Gateway, so none of its listeners can take routes: ${why}`,
        [found, ...setVerdict.checks],
        extra,
      )
    }
    const ownerObject = object as Gateway | ListenerSet
    return judgeListeners(
      ctx.store,
      route,
      routeRef,
      resolved,
      refField,
      index,
      verdict.listeners,
      ownerObject,
      found,
      extra,
      reject,
    )
  }

  if (isCoreService(resolved)) return judgeServiceParent(ctx, route, resolved, refField, reject)

  const hint =
    resolved.kind === 'Service'
      ? ` A Service parent needs group: "" written explicitly; an unset group means ${GATEWAY_GROUP}.`
      : ''
  const message = `parentRefs[${index}] names a ${groupKind(resolved.group, resolved.kind)}, which is not a parent kind Gatemap knows (Gateway, ListenerSet, or a core Service for mesh).${hint}`
  return reject(
    RR.NoMatchingParent,
    message,
    [
      {
        rule: 'parentRef.kind',
        outcome: 'fail',
        message,
        fields: [refField],
        fix: hint
          ? 'Add group: "" to the parentRef.'
          : 'Point the parentRef at a Gateway, ListenerSet or Service.',
      },
    ],
    { noStatusExpected: 'A controller writes no status for a parent kind it does not support.' },
  )
}

/** The parent cannot be read: nothing is claimed about it, and nothing found by searching is named. */
function cannotCheck(
  route: Route,
  base: Pick<Judged, 'resolved' | 'attached' | 'intended' | 'parent'>,
  what: string,
  hidden: string,
  refField: Check['fields'][number],
): Judged {
  const message = `Cannot check ${what}: ${hidden}.`
  return {
    ...base,
    accepted: makeCondition(RC.Accepted, 'Unknown', CANNOT_CHECK, message, route.metadata.generation),
    checks: [{ rule: 'parentRef.exists', outcome: 'warn', message, fields: [refField] }],
  }
}

function describeParentRef(r: ResolvedParentRef): string {
  const section = r.sectionName !== undefined ? ` sectionName=${r.sectionName}` : ''
  const port = r.port !== undefined ? ` port=${r.port}` : ''
  return `${r.kind} ${r.namespace}/${r.name}${section}${port}`
}

type Reject = (reason: string, message: string, checks: Check[], extra?: Partial<Judged>) => Judged

function missingParent(
  ctx: ParentContext,
  resolved: ResolvedParentRef,
  refField: Check['fields'][number],
  reject: Reject,
): Judged {
  const { near, nearAnywhere } = nearParent(ctx.store, resolved)
  const suggestion = near
    ? ` Did you mean ${resolved.kind} ${resolved.namespace}/${near}?`
    : nearAnywhere
      ? ` Did you mean ${resolved.kind} ${nearAnywhere}?`
      : ''
  const message = `${resolved.kind} ${resolved.namespace}/${resolved.name} does not exist.${suggestion}`
  return reject(
    RR.NoMatchingParent,
    message,
    [
      {
        rule: 'parentRef.exists',
        outcome: 'fail',
        message: `${message} A real controller writes no status at all for a parent that does not exist; Gatemap reports it so it is not silently ignored.`,
        fields: [refField],
        fix:
          near || nearAnywhere
            ? `Set the parentRef to ${near ?? nearAnywhere}.`
            : `Create ${resolved.kind} ${resolved.namespace}/${resolved.name}, or fix the name and namespace.`,
      },
    ],
    { noStatusExpected: 'The parent does not exist, so no controller writes status for it.' },
  )
}

/**
 * The Gateways (or ListenerSets) named like a missing parent, kept while the store is unchanged: the
 * routes of a team often share one misspelt parent, and each search reads every Gateway's name.
 */
const nearParents = new WeakMap<
  ObjectStore,
  { revision: number; near: Map<string, { near?: string; nearAnywhere?: string }> }
>()

function nearParent(
  store: ObjectStore,
  resolved: ResolvedParentRef,
): { near?: string; nearAnywhere?: string } {
  let kept = nearParents.get(store)
  if (kept === undefined || kept.revision !== store.revision) {
    kept = { revision: store.revision, near: new Map() }
    nearParents.set(store, kept)
  }
  const key = `${resolved.kind}/${resolved.namespace}/${resolved.name}`
  let found = kept.near.get(key)
  if (found === undefined) {
    const pool = resolved.kind === 'ListenerSet' ? store.listenerSets : store.gateways
    const sameNs: string[] = []
    for (const object of pool.values())
      if (object.metadata.namespace === resolved.namespace) sameNs.push(object.metadata.name)
    const near = nearestName(resolved.name, sameNs)
    // The pool's keys are `namespace/name` already.
    const nearAnywhere = near ? undefined : nearestName(`${resolved.namespace}/${resolved.name}`, pool.keys())
    found = { ...(near ? { near } : {}), ...(nearAnywhere ? { nearAnywhere } : {}) }
    kept.near.set(key, found)
  }
  return found
}

/** allowedRoutes.namespaces for one listener: does it let a route from this namespace in? */
function namespaceAllowed(
  store: ObjectStore,
  listener: Listener | undefined,
  ownerNamespace: string,
  routeNamespace: string,
): { allowed: boolean; why: string; from: string; hidden?: string } {
  const from = listener?.allowedRoutes?.namespaces?.from ?? 'Same'
  switch (from) {
    case 'All':
      return { allowed: true, why: 'allows routes from all namespaces', from }
    case 'Same':
      return {
        allowed: ownerNamespace === routeNamespace,
        why: `allows routes only from its own namespace ${ownerNamespace} (allowedRoutes.namespaces.from: Same${listener?.allowedRoutes?.namespaces?.from ? '' : ', the default'})`,
        from,
      }
    case 'Selector': {
      const selector = listener?.allowedRoutes?.namespaces?.selector
      const { labels, known } = store.namespaceLabels(routeNamespace)
      const allowed = selectorMatches(selector, labels)
      const unknown = known
        ? ''
        : ` (no Namespace object for ${routeNamespace} was found, so only its kubernetes.io/metadata.name label is known)`
      // Without the Namespace's own labels a mismatch proves nothing when Namespaces cannot be read.
      const hidden = known || allowed ? undefined : hiddenReason(store.unreadable, '', 'Namespace')
      return {
        allowed,
        why: `allows routes from namespaces whose labels match ${describeSelector(selector)}${unknown}`,
        from,
        ...(hidden ? { hidden } : {}),
      }
    }
    default:
      return {
        allowed: false,
        why: `allows routes from no namespace (allowedRoutes.namespaces.from: ${from})`,
        from,
      }
  }
}

function judgeListeners(
  store: ObjectStore,
  route: Route,
  routeRef: ObjectRef,
  resolved: ResolvedParentRef,
  refField: Check['fields'][number],
  index: number,
  listeners: ListenerVerdict[],
  owner: Gateway | ListenerSet,
  found: Check,
  extra: Partial<Judged>,
  reject: Reject,
): Judged {
  const checks: Check[] = [found]
  const ownerRef = extra.parent!
  const ownerNs = owner.metadata.namespace ?? ''
  const ownerLabel = `${owner.kind} ${ownerNs}/${owner.metadata.name}`
  const rawListeners = list<Listener>(owner.spec?.listeners)
  const section = (l: ListenerVerdict): SectionRef => ({ owner: l.owner, section: l.name })
  const describe = (l: ListenerVerdict) =>
    `${l.name} (${l.protocol}/${l.port}${l.hostname ? ` ${l.hostname}` : ''})`

  // 1. sectionName and port
  let candidates = listeners.filter(
    (l) =>
      (resolved.sectionName === undefined || l.name === resolved.sectionName) &&
      (resolved.port === undefined || l.port === resolved.port),
  )
  if (resolved.sectionName !== undefined || resolved.port !== undefined) {
    const wanted = [
      resolved.sectionName !== undefined ? `named ${resolved.sectionName}` : '',
      resolved.port !== undefined ? `on port ${resolved.port}` : '',
    ]
      .filter(Boolean)
      .join(' and ')
    if (candidates.length === 0) {
      const near =
        resolved.sectionName !== undefined
          ? nearestName(
              resolved.sectionName,
              listeners.map((l) => l.name),
            )
          : undefined
      const message = `${ownerLabel} has no listener ${wanted}. Its listeners: ${listeners.map(describe).join(', ') || '(none)'}.`
      checks.push({
        rule: 'parentRef.section',
        outcome: 'fail',
        message,
        fields: [
          field(
            routeRef,
            `spec.parentRefs[${index}].${resolved.sectionName !== undefined ? 'sectionName' : 'port'}`,
            resolved.sectionName ?? resolved.port,
          ),
          field(ownerRef, 'spec.listeners'),
        ],
        fix: near
          ? `Set sectionName to ${near}.`
          : 'Set sectionName/port to one of the listeners above, or remove them to try every listener.',
      })
      return reject(RR.NoMatchingParent, message, checks, { ...extra, intended: listeners.map(section) })
    }
    checks.push({
      rule: 'parentRef.section',
      outcome: 'pass',
      message: `Listener ${candidates.map(describe).join(', ')} is ${wanted}.`,
      fields: [refField],
    })
  } else {
    checks.push({
      rule: 'parentRef.section',
      outcome: 'info',
      message: `No sectionName or port: every listener of ${ownerLabel} is considered (${listeners.map((l) => l.name).join(', ') || 'it has none'}).`,
      fields: [refField],
    })
    if (candidates.length === 0) {
      const message = `${ownerLabel} has no listeners.`
      return reject(RR.NoMatchingParent, message, checks, extra)
    }
  }

  // 2. allowedRoutes: kinds and namespaces
  const routeNs = route.metadata.namespace ?? ''
  const refusals: string[] = []
  const unknowns: string[] = []
  const allowed = candidates.filter((l) => {
    const raw = rawListeners[l.index]
    const kindOk = l.supportedKinds.some(
      (k) => k.kind === route.kind && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP,
    )
    const ns = namespaceAllowed(store, raw, ownerNs, routeNs)
    const listenerPath = `spec.listeners[${l.index}]`
    if (!kindOk) {
      const message = `Listener ${l.name} of ${ownerLabel} accepts ${l.supportedKinds.map((k) => k.kind).join(', ') || 'no route kinds'}, not ${route.kind}.`
      refusals.push(message)
      checks.push({
        rule: 'listener.allowedRoutes.kinds',
        outcome: 'fail',
        message,
        fields: [field(routeRef, 'kind', route.kind), field(ownerRef, `${listenerPath}.allowedRoutes.kinds`)],
        fix: `Attach to a listener that accepts ${route.kind}, or add kind ${route.kind} to the listener's allowedRoutes.kinds if its protocol carries it.`,
      })
      return false
    }
    if (ns.hidden) {
      const message = `Cannot check whether listener ${l.name} of ${ownerLabel} allows routes from namespace ${routeNs}: it selects namespaces by label, and ${ns.hidden}.`
      unknowns.push(message)
      checks.push({
        rule: 'listener.allowedRoutes.namespaces',
        outcome: 'warn',
        message,
        fields: [field(ownerRef, `${listenerPath}.allowedRoutes.namespaces.selector`)],
      })
      return false
    }
    if (!ns.allowed) {
      const message = `Listener ${l.name} of ${ownerLabel} ${ns.why}; this route is in ${routeNs}.`
      refusals.push(message)
      checks.push({
        rule: 'listener.allowedRoutes.namespaces',
        outcome: 'fail',
        message,
        fields: [
          field(routeRef, 'metadata.namespace', routeNs),
          field(ownerRef, `${listenerPath}.allowedRoutes.namespaces.from`, ns.from),
        ],
        fix:
          ns.from === 'Selector'
            ? `Label namespace ${routeNs} so it matches the selector, or change the listener's allowedRoutes.namespaces.`
            : `Set allowedRoutes.namespaces.from to All or Selector on listener ${l.name}, or move the route into ${ownerNs}.`,
      })
      return false
    }
    checks.push({
      rule: 'listener.allowedRoutes',
      outcome: 'pass',
      message: `Listener ${l.name} accepts ${route.kind} and ${ns.why}.`,
      fields: [field(ownerRef, `${listenerPath}.allowedRoutes`)],
    })
    return true
  })
  if (allowed.length === 0 && unknowns.length > 0) {
    return {
      ...extra,
      resolved,
      attached: [],
      intended: candidates.map(section),
      accepted: makeCondition(
        RC.Accepted,
        'Unknown',
        CANNOT_CHECK,
        unknowns.join(' '),
        route.metadata.generation,
      ),
      checks,
    }
  }
  if (allowed.length === 0) {
    const message = refusals.join(' ')
    return reject(RR.NotAllowedByListeners, message, checks, { ...extra, intended: candidates.map(section) })
  }

  // 3. hostnames
  candidates = allowed
  if (HOSTNAME_ROUTE_KINDS.has(route.kind)) {
    const hostnames = list<string>(route.spec?.hostnames)
    const matching = candidates.filter(
      (l) => hostnames.length === 0 || intersectingHostnames(l.hostname, hostnames).length > 0,
    )
    if (matching.length === 0) {
      const message = `None of the route's hostnames (${hostnames.join(', ')}) matches the hostname of listener ${candidates.map(describe).join(', ')}.`
      checks.push({
        rule: 'hostnames.intersect',
        outcome: 'fail',
        message,
        fields: [
          field(routeRef, 'spec.hostnames', hostnames),
          ...candidates.map((l) =>
            field(ownerRef, `spec.listeners[${l.index}].hostname`, l.hostname ?? '(unset)'),
          ),
        ],
        fix: 'Add a hostname the listener serves (a listener wildcard *.example.com matches a.example.com but never example.com), or attach to another listener.',
      })
      return reject(RR.NoMatchingListenerHostname, message, checks, {
        ...extra,
        intended: candidates.map(section),
      })
    }
    for (const l of matching) {
      const common = hostnames.length === 0 ? [] : intersectingHostnames(l.hostname, hostnames)
      checks.push({
        rule: 'hostnames.intersect',
        outcome: 'pass',
        message:
          hostnames.length === 0
            ? `The route has no hostnames, so it takes every hostname listener ${l.name} serves (${l.hostname ?? 'any'}).`
            : `Listener ${l.name} (${l.hostname ?? 'any hostname'}) serves ${common.join(', ')}.`,
        fields: [
          field(routeRef, 'spec.hostnames'),
          field(ownerRef, `spec.listeners[${l.index}].hostname`, l.hostname ?? '(unset)'),
        ],
      })
    }
    candidates = matching
  }
  const attached = candidates.map(section)
  return {
    resolved,
    ...(extra.parent ? { parent: extra.parent } : {}),
    ...(extra.controllerName ? { controllerName: extra.controllerName } : {}),
    attached,
    intended: [],
    accepted: makeCondition(
      RC.Accepted,
      'True',
      RR.Accepted,
      `Accepted by ${ownerLabel} on listener ${candidates.map((l) => l.name).join(', ')}.`,
      route.metadata.generation,
    ),
    checks,
  }
}

function judgeServiceParent(
  ctx: ParentContext,
  route: Route,
  resolved: ResolvedParentRef,
  refField: Check['fields'][number],
  reject: Reject,
): Judged {
  const key = nsName(resolved.namespace, resolved.name)
  const service: Service | undefined = ctx.store.services.get(key)
  const parent = toObjectRef({
    group: '',
    kind: 'Service',
    namespace: resolved.namespace,
    name: resolved.name,
  })
  const hidden = service ? undefined : hiddenReason(ctx.store.unreadable, '', 'Service', resolved.namespace)
  if (hidden)
    return cannotCheck(route, { resolved, attached: [], intended: [] }, `Service ${key}`, hidden, refField)
  if (!service) {
    const near = nearestName(
      resolved.name,
      [...ctx.store.services.values()]
        .filter((s) => s.metadata.namespace === resolved.namespace)
        .map((s) => s.metadata.name),
    )
    const message = `Service ${key} does not exist.${near ? ` Did you mean ${near}?` : ''}`
    return reject(RR.NoMatchingParent, message, [
      {
        rule: 'parentRef.exists',
        outcome: 'fail',
        message,
        fields: [refField],
        fix: near ? `Set the parentRef name to ${near}.` : `Create Service ${key}.`,
      },
    ])
  }
  const ports = list<NonNullable<Service['spec']['ports']>[number]>(service.spec?.ports)
  const matching = ports.filter(
    (p) =>
      (resolved.sectionName === undefined || p.name === resolved.sectionName) &&
      (resolved.port === undefined || p.port === resolved.port),
  )
  const checks: Check[] = [
    {
      rule: 'parentRef.exists',
      outcome: 'pass',
      message: `Service ${key} exists: a mesh (GAMMA) parent. ${route.metadata.namespace === resolved.namespace ? 'The route is in the Service namespace, so it is a producer route and applies to every client.' : `The route is in ${route.metadata.namespace}, so it is a consumer route and applies only to clients in that namespace.`}`,
      fields: [refField],
    },
  ]
  if ((resolved.sectionName !== undefined || resolved.port !== undefined) && matching.length === 0) {
    const message = `Service ${key} has no port ${resolved.sectionName !== undefined ? `named ${resolved.sectionName}` : ''}${resolved.port !== undefined ? ` ${resolved.port}` : ''}. Its ports: ${ports.map((p) => `${p.name ?? '(unnamed)'}=${p.port}`).join(', ') || '(none)'}.`
    checks.push({
      rule: 'parentRef.section',
      outcome: 'fail',
      message,
      fields: [refField, field(parent, 'spec.ports')],
      fix: 'For a Service parent, sectionName is a port name and port a port number.',
    })
    return reject(RR.NoMatchingParent, message, checks, { parent })
  }
  if (list(route.spec?.hostnames).length > 0) {
    checks.push({
      rule: 'hostnames.mesh',
      outcome: 'info',
      message: 'Hostnames are ignored for Service parents.',
      fields: [
        field(
          toObjectRef({
            group: GATEWAY_GROUP,
            kind: route.kind,
            namespace: route.metadata.namespace ?? '',
            name: route.metadata.name,
          }),
          'spec.hostnames',
        ),
      ],
    })
  }
  const sections = (resolved.sectionName !== undefined || resolved.port !== undefined ? matching : ports).map(
    (p) => ({
      owner: parent,
      section: p.name ?? String(p.port),
    }),
  )
  return {
    resolved,
    parent,
    attached: sections.length ? sections : [{ owner: parent, section: '*' }],
    intended: [],
    accepted: makeCondition(
      RC.Accepted,
      'True',
      RR.Accepted,
      `Attached to Service ${key} as a mesh route.`,
      route.metadata.generation,
    ),
    checks,
  }
}
