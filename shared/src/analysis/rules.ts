// What a route's rules ask for that a conformant controller would refuse: values outside the spec's
// enums (the rule is dropped: PartiallyInvalid, or Accepted=False when every rule is) and filters
// that cannot be combined (IncompatibleFilters).
import { groupKind } from '../refs.ts'
import { routeKindFacts } from '../route-kinds.ts'
import { GATEWAY_GROUP, type Route, type RouteRule } from '../types/gateway.ts'
import { field } from './listeners.ts'
import { list } from './store.ts'
import type { Check, ObjectRef } from './verdicts.ts'

const HTTP_PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression']
const HTTP_VALUE_MATCH_TYPES = ['Exact', 'RegularExpression']
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']
const GRPC_METHOD_TYPES = ['Exact', 'RegularExpression']

export interface RuleProblem {
  rule: number
  reason: 'UnsupportedValue' | 'IncompatibleFilters'
  check: Check
}

export interface RulesJudgement {
  problems: RuleProblem[]
  /** Things worth knowing that do not change any condition. */
  notes: Check[]
  ruleCount: number
}

export function judgeRules(route: Route, routeRef: ObjectRef): RulesJudgement {
  const problems: RuleProblem[] = []
  const notes: Check[] = []
  const rules = list<RouteRule>(route.spec?.rules)
  rules.forEach((rule, i) => {
    const base = `spec.rules[${i}]`
    const unsupported = (path: string, value: unknown, allowed: readonly string[]) => {
      problems.push({
        rule: i,
        reason: 'UnsupportedValue',
        check: {
          rule: 'rule.value',
          outcome: 'fail',
          message: `${path} is ${JSON.stringify(value)}, which is not one of ${allowed.join(', ')}; the controller drops rule ${i}.`,
          fields: [field(routeRef, path, value)],
          fix: `Use one of: ${allowed.join(', ')}.`,
        },
      })
    }
    const matches = list<Record<string, unknown>>(rule?.matches)
    if (route.kind === 'HTTPRoute') {
      matches.forEach((m, j) => {
        const path = m?.path as { type?: string } | undefined
        if (path?.type !== undefined && !HTTP_PATH_TYPES.includes(path.type)) {
          unsupported(`${base}.matches[${j}].path.type`, path.type, HTTP_PATH_TYPES)
        }
        for (const key of ['headers', 'queryParams'] as const) {
          list<{ type?: string }>(m?.[key]).forEach((h, k) => {
            if (h?.type !== undefined && !HTTP_VALUE_MATCH_TYPES.includes(h.type)) {
              unsupported(`${base}.matches[${j}].${key}[${k}].type`, h.type, HTTP_VALUE_MATCH_TYPES)
            }
          })
        }
        if (m?.method !== undefined && !HTTP_METHODS.includes(String(m.method))) {
          unsupported(`${base}.matches[${j}].method`, m.method, HTTP_METHODS)
        }
      })
    }
    if (route.kind === 'GRPCRoute') {
      matches.forEach((m, j) => {
        const method = m?.method as { type?: string } | undefined
        if (method?.type !== undefined && !GRPC_METHOD_TYPES.includes(method.type)) {
          unsupported(`${base}.matches[${j}].method.type`, method.type, GRPC_METHOD_TYPES)
        }
      })
    }
    const allowedFilters = routeKindFacts(route.kind)?.filters ?? []
    const filters = list<{ type?: string }>(rule?.filters)
    filters.forEach((f, j) => {
      if (!allowedFilters.includes(String(f?.type)))
        unsupported(`${base}.filters[${j}].type`, f?.type, allowedFilters)
    })
    const types = filters.map((f) => f?.type)
    if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
      problems.push({
        rule: i,
        reason: 'IncompatibleFilters',
        check: {
          rule: 'rule.filters.compatible',
          outcome: 'fail',
          message: `Rule ${i} has both a RequestRedirect and a URLRewrite filter: a request cannot be redirected and rewritten at once.`,
          fields: [field(routeRef, `${base}.filters`)],
          fix: 'Keep one of the two filters, or split them into separate rules.',
        },
      })
    }
    list<{ type?: string; extensionRef?: { group?: string; kind?: string; name?: string } }>(
      rule?.filters,
    ).forEach((f, j) => {
      if (f?.type === 'ExtensionRef' && f.extensionRef) {
        notes.push({
          rule: 'rule.filters.extensionRef',
          outcome: 'warn',
          message: `Filter ${j} of rule ${i} is an ExtensionRef to ${groupKind(f.extensionRef.group ?? GATEWAY_GROUP, String(f.extensionRef.kind))} ${f.extensionRef.name}; only the implementation knows whether it resolves.`,
          fields: [field(routeRef, `${base}.filters[${j}].extensionRef`)],
        })
      }
    })
  })
  return { problems, notes, ruleCount: rules.length }
}
