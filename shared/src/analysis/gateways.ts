// Gateways and ListenerSets: which ListenerSets a Gateway takes in, each listener's conditions, and
// the Gateway-level verdict. attachedRoutes is filled in later, from the route verdicts.
import {
  GatewayCondition as GC,
  GatewayReason as GR,
  ListenerCondition as LC,
  ListenerReason as LR,
  ListenerSetReason as LSR,
  makeCondition,
} from '../conditions.ts'
import { describeSelector, selectorMatches } from '../labels.ts'
import { resolveListenerSetParentRef, toObjectRef } from '../refs.ts'
import { GATEWAY_GROUP, type Gateway, type Listener, type ListenerSet } from '../types/gateway.ts'
import type { Condition } from '../types/meta.ts'
import { type ConflictEntry, findConflicts } from './conflicts.ts'
import { gatewayTLSConditions } from './gateway-settings.ts'
import { field, judgeListener, type ListenerJudgement } from './listeners.ts'
import type { Unreadable } from './readable.ts'
import { list, nsName, type ObjectStore } from './store.ts'
import type { Check, ListenerVerdict, ObjectRef } from './verdicts.ts'

export interface GatewayVerdict {
  key: string
  ref: ObjectRef
  generation?: number
  gatewayClassName: string
  /** Undefined when the GatewayClass does not exist. */
  controllerName?: string
  listeners: ListenerVerdict[]
  listenerSets: ListenerSetVerdict[]
  conditions: Condition[]
  checks: Check[]
}

export interface ListenerSetVerdict {
  key: string
  ref: ObjectRef
  generation?: number
  parent: ObjectRef
  /** The parent Gateway exists and allows this ListenerSet. */
  accepted: boolean
  controllerName?: string
  listeners: ListenerVerdict[]
  conditions: Condition[]
  checks: Check[]
}

function gatewayRef(gateway: Gateway | ListenerSet): ObjectRef {
  return toObjectRef({
    group: GATEWAY_GROUP,
    kind: gateway.kind,
    namespace: gateway.metadata.namespace ?? '',
    name: gateway.metadata.name,
  })
}

/** ListenerSets that name this Gateway as their parent, oldest first (their precedence order). */
export function listenerSetsOf(store: ObjectStore, gateway: Gateway): ListenerSet[] {
  const keys = store.listenerSetsByParent.get(nsName(gateway.metadata.namespace, gateway.metadata.name))
  if (!keys) return []
  const sets = [...keys].map((k) => store.listenerSets.get(k)).filter((s): s is ListenerSet => !!s)
  return sets.sort(
    (a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      nsName(a.metadata.namespace, a.metadata.name).localeCompare(
        nsName(b.metadata.namespace, b.metadata.name),
      ),
  )
}

export function judgeGateway(store: ObjectStore, gateway: Gateway, unreadable: Unreadable): GatewayVerdict {
  const ref = gatewayRef(gateway)
  const namespace = gateway.metadata.namespace ?? ''
  const className = String(gateway.spec?.gatewayClassName ?? '')
  const gatewayClass = store.gatewayClasses.get(className)
  const checks: Check[] = []
  if (gatewayClass) {
    checks.push({
      rule: 'gateway.gatewayClassName',
      outcome: 'pass',
      message: `GatewayClass ${className} exists (controller ${gatewayClass.spec?.controllerName}).`,
      fields: [field(ref, 'spec.gatewayClassName', className)],
    })
  } else {
    checks.push({
      rule: 'gateway.gatewayClassName',
      outcome: 'fail',
      message: `GatewayClass ${className || '(unset)'} does not exist, so no controller will reconcile this Gateway or any route attached to it.`,
      fields: [field(ref, 'spec.gatewayClassName', className)],
      fix: `Create GatewayClass ${className}, or set spec.gatewayClassName to one of: ${[...store.gatewayClasses.keys()].join(', ') || '(none exist)'}.`,
    })
  }

  // Judge every listener: the Gateway's own first, then each allowed ListenerSet in order.
  const own = list<Listener>(gateway.spec?.listeners).map((l, i) =>
    judgeListener(
      store,
      { ref, namespace, path: 'spec.listeners', frontend: gateway.spec?.tls?.frontend },
      l,
      i,
      unreadable,
    ),
  )
  const sets = listenerSetsOf(store, gateway).map((set) => judgeListenerSetAdmission(store, set, gateway))
  const entries: ConflictEntry[] = []
  const owners: { judgements: ListenerJudgement[]; ref: ObjectRef; start: number }[] = []
  const push = (judgements: ListenerJudgement[], ownerRef: ObjectRef, tier: number) => {
    owners.push({ judgements, ref: ownerRef, start: entries.length })
    for (const j of judgements) {
      entries.push({
        tier,
        listener: j.listener,
        label: `listener ${j.name} of ${ownerRef.kind} ${nsName(ownerRef.namespace, ownerRef.name)}`,
      })
    }
  }
  push(own, ref, 0)
  sets.forEach((s, i) => {
    if (!s.allowed) return
    const setNamespace = s.set.metadata.namespace ?? ''
    const judgements = list<Listener>(s.set.spec?.listeners).map((l, j) =>
      judgeListener(store, { ref: s.ref, namespace: setNamespace, path: 'spec.listeners' }, l, j, unreadable),
    )
    push(judgements, s.ref, i + 1)
  })
  const conflicts = findConflicts(entries)
  const verdictsFor = (ownerRef: ObjectRef) => {
    const o = owners.find((x) => x.ref === ownerRef)
    return o
      ? o.judgements.map((j, i) =>
          listenerVerdict(o.ref, j, conflicts.get(o.start + i), gatewayClass !== undefined),
        )
      : []
  }
  const listeners = verdictsFor(ref)
  const controllerName = gatewayClass?.spec?.controllerName
  const listenerSets = sets.map((s) =>
    finishListenerSet(s, verdictsFor(s.ref), controllerName, gatewayClass !== undefined),
  )

  const generation = gateway.metadata.generation
  const conditions = gatewayConditions(className, gatewayClass !== undefined, listeners, generation)
  if (gatewayClass)
    conditions.push(...gatewayTLSConditions(store, gateway, ref, checks, conditions, unreadable))
  const verdict: GatewayVerdict = {
    key: nsName(namespace, gateway.metadata.name),
    ref,
    gatewayClassName: className,
    listeners,
    listenerSets,
    conditions,
    checks,
  }
  if (generation !== undefined) verdict.generation = generation
  if (controllerName !== undefined) verdict.controllerName = controllerName
  return verdict
}

function isValidListener(l: ListenerVerdict): boolean {
  return l.conditions.every((c) => (c.type === LC.Conflicted ? c.status === 'False' : c.status === 'True'))
}

function gatewayConditions(
  className: string,
  classExists: boolean,
  listeners: ListenerVerdict[],
  generation: number | undefined,
): Condition[] {
  if (!classExists) {
    const message = `GatewayClass ${className} does not exist; no controller reconciles this Gateway.`
    return [
      makeCondition(GC.Accepted, 'Unknown', GR.Pending, message, generation),
      makeCondition(GC.Programmed, 'Unknown', GR.Pending, message, generation),
    ]
  }
  const invalid = listeners.filter((l) => !isValidListener(l))
  if (invalid.length === 0) {
    return [
      makeCondition(GC.Accepted, 'True', GR.Accepted, 'The Gateway is valid.', generation),
      makeCondition(
        GC.Programmed,
        'True',
        GR.Programmed,
        'Assumed programmed: Gatemap cannot see the data plane.',
        generation,
      ),
    ]
  }
  const names = invalid.map((l) => l.name).join(', ')
  const all = invalid.length === listeners.length
  return [
    makeCondition(
      GC.Accepted,
      all ? 'False' : 'True',
      GR.ListenersNotValid,
      `${all ? 'Every listener is' : 'Some listeners are'} invalid: ${names}.`,
      generation,
    ),
    makeCondition(
      GC.Programmed,
      all ? 'False' : 'True',
      all ? GR.Invalid : GR.Programmed,
      all ? 'No listener can be programmed.' : `Programmed without the invalid listeners (${names}).`,
      generation,
    ),
  ]
}

function listenerVerdict(
  owner: ObjectRef,
  j: ListenerJudgement,
  conflict: { reason: string; message: string } | undefined,
  classExists: boolean,
): ListenerVerdict {
  let accepted = j.accepted
  const checks = [...j.checks]
  let conflicted = makeCondition(LC.Conflicted, 'False', LR.NoConflicts, 'No conflicts with other listeners.')
  if (conflict) {
    conflicted = makeCondition(LC.Conflicted, 'True', conflict.reason, conflict.message)
    // Conformance reports a conflict on Accepted too, not only on Conflicted.
    if (accepted.status === 'True')
      accepted = makeCondition(LC.Accepted, 'False', conflict.reason, conflict.message)
    checks.push({
      rule: 'listener.conflict',
      outcome: 'fail',
      message: conflict.message,
      fields: [
        field(owner, `spec.listeners[${j.index}].port`, j.listener.port),
        field(owner, `spec.listeners[${j.index}].hostname`, j.listener.hostname),
      ],
      fix:
        conflict.reason === LR.ProtocolConflict
          ? 'Move one of the listeners to another port: these protocols cannot share one.'
          : 'Give the listener a different port, or a hostname no other listener on this port serves.',
    })
  }
  const valid = accepted.status === 'True' && j.resolvedRefs.status === 'True' && !conflict
  let conditions: Condition[]
  if (!classExists) {
    // Nothing reconciles a Gateway without a GatewayClass, so nothing would judge its listeners;
    // the checks still say what a controller would find.
    const pending = 'No controller reconciles this listener: the GatewayClass does not exist.'
    conditions = [LC.Accepted, LC.ResolvedRefs, LC.Conflicted, LC.Programmed].map((type) =>
      makeCondition(type, 'Unknown', LR.Pending, pending),
    )
  } else {
    const programmed = valid
      ? makeCondition(
          LC.Programmed,
          'True',
          LR.Programmed,
          'Assumed programmed: Gatemap cannot see the data plane.',
        )
      : makeCondition(
          LC.Programmed,
          'False',
          conflict?.reason ?? LR.Invalid,
          conflict
            ? `Not programmed: ${conflict.message}`
            : 'The listener is invalid and cannot be programmed.',
        )
    conditions = [accepted, j.resolvedRefs, conflicted, programmed]
  }
  const verdict: ListenerVerdict = {
    owner,
    index: j.index,
    name: j.name,
    protocol: String(j.listener.protocol),
    port: Number(j.listener.port),
    supportedKinds: j.supportedKinds,
    attachedRoutes: 0,
    conditions,
    checks,
  }
  if (j.listener.hostname) verdict.hostname = j.listener.hostname
  return verdict
}

interface ListenerSetAdmission {
  set: ListenerSet
  ref: ObjectRef
  parent: ObjectRef
  parentExists: boolean
  allowed: boolean
  checks: Check[]
  reason: string
  message: string
}

/** Does the parent Gateway's spec.allowedListeners let this ListenerSet in? */
function judgeListenerSetAdmission(
  store: ObjectStore,
  set: ListenerSet,
  gateway: Gateway | undefined,
): ListenerSetAdmission {
  const ref = gatewayRef(set)
  const namespace = set.metadata.namespace ?? ''
  const parentRef = resolveListenerSetParentRef(set.spec?.parentRef ?? { name: '' }, namespace)
  const parent = toObjectRef(parentRef)
  const base = { set, ref, parent, parentExists: gateway !== undefined }
  const parentField = field(ref, 'spec.parentRef', parentRef.name)
  if (!gateway || parentRef.group !== GATEWAY_GROUP || parentRef.kind !== 'Gateway') {
    const message = gateway
      ? `spec.parentRef must name a Gateway; it names ${parentRef.kind}.`
      : `Parent Gateway ${parentRef.namespace}/${parentRef.name} does not exist. A real controller writes no status for this ListenerSet.`
    return {
      ...base,
      allowed: false,
      reason: LSR.ParentNotAccepted,
      message,
      checks: [
        {
          rule: 'listenerSet.parentRef',
          outcome: 'fail',
          message,
          fields: [parentField],
          fix: 'Point spec.parentRef at an existing Gateway.',
        },
      ],
    }
  }
  const gwRef = gatewayRef(gateway)
  const from = gateway.spec?.allowedListeners?.namespaces?.from ?? 'None'
  const gwNs = gateway.metadata.namespace ?? ''
  let allowed: boolean
  let why: string
  switch (from) {
    case 'All':
      allowed = true
      why = 'allows ListenerSets from all namespaces'
      break
    case 'Same':
      allowed = namespace === gwNs
      why = `allows ListenerSets only from its own namespace ${gwNs}`
      break
    case 'Selector': {
      const selector = gateway.spec?.allowedListeners?.namespaces?.selector
      allowed = selectorMatches(selector, store.namespaceLabels(namespace).labels)
      why = `allows ListenerSets from namespaces matching ${describeSelector(selector)}`
      break
    }
    default:
      allowed = false
      why = 'allows no ListenerSets (allowedListeners.namespaces.from is None, the default)'
  }
  const message = allowed
    ? `Gateway ${gwNs}/${gateway.metadata.name} ${why}; this ListenerSet is in ${namespace}.`
    : `Gateway ${gwNs}/${gateway.metadata.name} ${why}; this ListenerSet is in ${namespace}.`
  return {
    ...base,
    allowed,
    reason: allowed ? LSR.Accepted : LSR.NotAllowed,
    message,
    checks: [
      {
        rule: 'listenerSet.allowedListeners',
        outcome: allowed ? 'pass' : 'fail',
        message,
        fields: [parentField, field(gwRef, 'spec.allowedListeners.namespaces.from', from)],
        ...(allowed
          ? {}
          : {
              fix: `Set spec.allowedListeners.namespaces on Gateway ${gwNs}/${gateway.metadata.name} to admit namespace ${namespace}.`,
            }),
      },
    ],
  }
}

function finishListenerSet(
  a: ListenerSetAdmission,
  listeners: ListenerVerdict[],
  controllerName: string | undefined,
  classExists: boolean,
): ListenerSetVerdict {
  const generation = a.set.metadata.generation
  let conditions: Condition[]
  if (!a.allowed) {
    conditions = [
      makeCondition('Accepted', 'False', a.reason, a.message, generation),
      makeCondition('Programmed', 'False', a.reason, 'The ListenerSet is not accepted.', generation),
    ]
  } else if (!classExists) {
    conditions = [
      makeCondition('Accepted', 'Unknown', 'Pending', 'The parent Gateway has no GatewayClass.', generation),
      makeCondition(
        'Programmed',
        'Unknown',
        'Pending',
        'The parent Gateway has no GatewayClass.',
        generation,
      ),
    ]
  } else {
    const invalid = listeners.filter((l) => !isValidListener(l))
    const all = invalid.length > 0 && invalid.length === listeners.length
    conditions = [
      invalid.length === 0
        ? makeCondition('Accepted', 'True', LSR.Accepted, a.message, generation)
        : makeCondition(
            'Accepted',
            all ? 'False' : 'True',
            LSR.ListenersNotValid,
            `Invalid listeners: ${invalid.map((l) => l.name).join(', ')}.`,
            generation,
          ),
      all
        ? makeCondition(
            'Programmed',
            'False',
            LSR.ListenersNotValid,
            'No listener can be programmed.',
            generation,
          )
        : makeCondition(
            'Programmed',
            'True',
            LSR.Programmed,
            'Assumed programmed: Gatemap cannot see the data plane.',
            generation,
          ),
    ]
  }
  const verdict: ListenerSetVerdict = {
    key: nsName(a.set.metadata.namespace, a.set.metadata.name),
    ref: a.ref,
    parent: a.parent,
    accepted: a.allowed && classExists,
    listeners,
    conditions,
    checks: a.checks,
  }
  if (generation !== undefined) verdict.generation = generation
  if (controllerName !== undefined) verdict.controllerName = controllerName
  return verdict
}

/** A ListenerSet whose parent Gateway does not exist (or is not a Gateway). */
export function judgeOrphanListenerSet(store: ObjectStore, set: ListenerSet): ListenerSetVerdict {
  return finishListenerSet(judgeListenerSetAdmission(store, set, undefined), [], undefined, false)
}
