// Gateways and ListenerSets: which ListenerSets a Gateway takes in, each listener's conditions, and
// the Gateway-level verdict. attachedRoutes is filled in later, from the route verdicts.
import {
  CANNOT_CHECK,
  GatewayCondition as GC,
  GatewayReason as GR,
  isCannotCheck,
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
import { judgeAddresses } from './gateway-addresses.ts'
import { gatewayTLSConditions } from './gateway-settings.ts'
import { field, judgeListener, type ListenerJudgement } from './listeners.ts'
import { hiddenReason, type Unreadable } from './readable.ts'
import { list, nsName, type ObjectStore } from './store.ts'
import type { Check, ListenerVerdict, ObjectRef } from './verdicts.ts'

export interface GatewayVerdict {
  key: string
  ref: ObjectRef
  generation?: number
  gatewayClassName: string
  /** Undefined when the GatewayClass does not exist (or is only assumed to). */
  controllerName?: string
  /**
   * The GatewayClass is not among the inputs and is assumed to exist and be accepted (offline
   * analysis of a repository that holds routes but not the platform's class).
   */
  gatewayClassAssumed?: true
  /**
   * No controller reconciles this Gateway: its GatewayClass does not exist. Its status stays the
   * CRD's default (Accepted and Programmed Pending, no listeners); the listener verdicts still say
   * what a controller would find, but are not status anyone writes.
   */
  unreconciled?: true
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
  /** The parent Gateway's class is assumed, not seen (see GatewayVerdict). */
  gatewayClassAssumed?: true
  /** No controller reconciles the parent Gateway (see GatewayVerdict): no listener status is written. */
  unreconciled?: true
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

export interface GatewayJudgeOptions {
  unreadable: Unreadable
  /** Take a named GatewayClass that is not among the inputs as existing and accepted. */
  assumeAbsentGatewayClasses: boolean
}

export function judgeGateway(
  store: ObjectStore,
  gateway: Gateway,
  options: GatewayJudgeOptions,
): GatewayVerdict {
  const { unreadable } = options
  const ref = gatewayRef(gateway)
  const namespace = gateway.metadata.namespace ?? ''
  const className = String(gateway.spec?.gatewayClassName ?? '')
  const gatewayClass = store.gatewayClasses.get(className)
  // GatewayClasses this view may not read (a person without cluster-wide rights) are assumed too.
  const classHidden = gatewayClass ? undefined : hiddenReason(unreadable, GATEWAY_GROUP, 'GatewayClass')
  const assumed = !gatewayClass && (options.assumeAbsentGatewayClasses || !!classHidden) && className !== ''
  const classExists = gatewayClass !== undefined || assumed
  const checks: Check[] = []
  if (assumed) {
    checks.push({
      rule: 'gateway.gatewayClassName',
      outcome: 'info',
      message: `${classHidden ? `Cannot check GatewayClass ${className}: ${classHidden}. It` : `GatewayClass ${className} is not among the inputs; it`} is assumed to exist and to be accepted by its controller, so this Gateway and its routes are judged as that controller would.`,
      fields: [field(ref, 'spec.gatewayClassName', className)],
      fix: classHidden
        ? 'Ask for permission to list GatewayClasses to check it too.'
        : 'Add the GatewayClass to the inputs, or analyze against the cluster that has it, to check it too.',
    })
  } else if (gatewayClass) {
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
      ? o.judgements.map((j, i) => listenerVerdict(o.ref, j, conflicts.get(o.start + i), classExists))
      : []
  }
  const listeners = verdictsFor(ref)
  const controllerName = gatewayClass?.spec?.controllerName
  const listenerSets = sets.map((s) => {
    const set = finishListenerSet(s, verdictsFor(s.ref), controllerName, classExists)
    if (assumed) set.gatewayClassAssumed = true
    if (!classExists) set.unreconciled = true
    return set
  })

  const generation = gateway.metadata.generation
  const conditions = gatewayConditions(className, classExists, listeners, generation)
  if (classExists) {
    const extra = gatewayTLSConditions(store, gateway, ref, checks, conditions, unreadable)
    const unsupportedAddress = judgeAddresses(gateway, ref, checks)
    // Refused as a whole, before its listeners are looked at (as InvalidParameters is).
    if (unsupportedAddress && conditions[0]?.reason !== GR.InvalidParameters)
      conditions[0] = unsupportedAddress
    conditions.push(...withListenersResolvedRefs(extra, listeners, generation))
  }
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
  if (assumed) verdict.gatewayClassAssumed = true
  if (!classExists) verdict.unreconciled = true
  return verdict
}

/**
 * Every listener condition healthy: what a ListenerSet's own Accepted asks of its listeners. A
 * condition Gatemap cannot check (an unreadable certificate) is not held against it.
 */
function isValidListener(l: ListenerVerdict): boolean {
  return l.conditions.every((c) =>
    c.type === LC.Conflicted ? c.status === 'False' : c.status === 'True' || isCannotCheck(c),
  )
}

/**
 * Whether a listener can be configured at all, which is what the Gateway's Accepted summarises:
 * gateway_types.go says the Gateway's ResolvedRefs "does not directly impact the Gateway's Accepted
 * or Programmed conditions", and ListenersNotValid is for listeners that "cannot be configured on
 * the Gateway". A listener whose only fault is an unresolved reference (a missing certificate)
 * leaves the Gateway Accepted; the Gateway-level ResolvedRefs says ListenersNotResolved instead.
 */
function isConfigurableListener(l: ListenerVerdict): boolean {
  // Programmed follows from the others (an unresolved listener is not programmed), so it is not asked.
  return l.conditions.every((c) =>
    c.type === LC.Conflicted
      ? c.status === 'False'
      : c.type === LC.ResolvedRefs || c.type === LC.Programmed || c.status === 'True',
  )
}

/**
 * The Gateway's ResolvedRefs: the Gateway's own references (from gateway-settings.ts) and, as the
 * spec's "positive-polarity summary of Listener's ResolvedRefs", ListenersNotResolved when a
 * listener's references do not resolve. A Gateway-level failure keeps its more specific reason.
 */
function withListenersResolvedRefs(
  extra: Condition[],
  listeners: ListenerVerdict[],
  generation: number | undefined,
): Condition[] {
  const unresolved = listeners.filter((l) =>
    l.conditions.some((c) => c.type === LC.ResolvedRefs && c.status === 'False'),
  )
  const own = extra.find((c) => c.type === GC.ResolvedRefs)
  const rest = extra.filter((c) => c !== own)
  const unchecked = listeners.filter((l) =>
    l.conditions.some((c) => c.type === LC.ResolvedRefs && isCannotCheck(c)),
  )
  if (unresolved.length === 0 && unchecked.length > 0 && own?.status !== 'False') {
    const message = `Cannot check the references of listeners: ${unchecked.map((l) => l.name).join(', ')}.`
    // The Gateway's own unreadable reference (its backend client certificate) is said first.
    const both = own && isCannotCheck(own) ? `${own.message} ${message}` : message
    return [makeCondition(GC.ResolvedRefs, 'Unknown', CANNOT_CHECK, both, generation), ...rest]
  }
  if (unresolved.length === 0) {
    return [
      own ??
        makeCondition(GC.ResolvedRefs, 'True', GR.ResolvedRefs, 'Every reference is resolved.', generation),
      ...rest,
    ]
  }
  const names = unresolved.map((l) => l.name).join(', ')
  const summary = `Listeners with unresolved references: ${names}.`
  if (own && own.status === 'False') return [{ ...own, message: `${own.message} ${summary}` }, ...rest]
  return [makeCondition(GC.ResolvedRefs, 'False', GR.ListenersNotResolved, summary, generation), ...rest]
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
  const invalid = listeners.filter((l) => !isConfigurableListener(l))
  if (invalid.length === 0) {
    const unready = listeners.filter((l) => !isValidListener(l)).map((l) => l.name)
    return [
      makeCondition(GC.Accepted, 'True', GR.Accepted, 'The Gateway is valid.', generation),
      makeCondition(
        GC.Programmed,
        'True',
        GR.Programmed,
        unready.length === 0
          ? 'Assumed programmed: Gatemap cannot see the data plane.'
          : `Assumed programmed (Gatemap cannot see the data plane); listeners with unresolved references serve no traffic until they resolve: ${unready.join(', ')}.`,
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
      `${all ? 'No listener' : 'Some listeners'} can be configured: ${names}.`,
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
  // Otherwise valid, with a reference Gatemap may not read: whether it can be programmed is as unknown.
  const unchecked = accepted.status === 'True' && isCannotCheck(j.resolvedRefs) && !conflict
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
      : unchecked
        ? makeCondition(LC.Programmed, 'Unknown', CANNOT_CHECK, j.resolvedRefs.message)
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
  const verdict = finishListenerSet(judgeListenerSetAdmission(store, set, undefined), [], undefined, false)
  // A parent Gateway that cannot be read is not known to be missing.
  const parent = resolveListenerSetParentRef(
    set.spec?.parentRef ?? { name: '' },
    set.metadata.namespace ?? '',
  )
  const hidden = hiddenReason(store.unreadable, parent.group, parent.kind, parent.namespace)
  if (!hidden) return verdict
  const message = `Cannot check parent ${parent.kind} ${parent.namespace}/${parent.name}: ${hidden}.`
  const unknown = (type: string) =>
    makeCondition(type, 'Unknown', CANNOT_CHECK, message, set.metadata.generation)
  const fields = verdict.checks[0]?.fields ?? []
  const checks: Check[] = [{ rule: 'listenerSet.parentRef', outcome: 'warn', message, fields }]
  return { ...verdict, conditions: [unknown('Accepted'), unknown('Programmed')], checks }
}
