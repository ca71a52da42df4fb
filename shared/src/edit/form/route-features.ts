// What each route kind has (from the Gateway API v1.6 CRDs, experimental channel), and the Shapes
// the route form reads and writes. The forms show only these parts; anything else in a route (retry,
// sessionPersistence, useDefaultGateways, ExternalAuth's settings, vendor fields) is kept untouched.
import type { RouteKind } from '../../types/gateway.ts'
import type { FilterForm } from './route-types.ts'
import type { Shape } from './shape.ts'

export const HTTP_FILTER_TYPES = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'RequestMirror',
  'CORS',
  'ExtensionRef',
] as const
export const GRPC_FILTER_TYPES = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'ExtensionRef',
] as const
export type FilterType = (typeof HTTP_FILTER_TYPES)[number]

/** The key holding a filter type's settings (`RequestRedirect` → `requestRedirect`). */
export const FILTER_FIELDS = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  RequestMirror: 'requestMirror',
  CORS: 'cors',
  ExtensionRef: 'extensionRef',
  ExternalAuth: 'externalAuth',
} as const satisfies Record<string, keyof FilterForm>

export const PATH_MATCH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'] as const
export const VALUE_MATCH_TYPES = ['Exact', 'RegularExpression'] as const
export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const
export const PATH_MODIFIER_TYPES = ['ReplaceFullPath', 'ReplacePrefixMatch'] as const
export const REDIRECT_SCHEMES = ['http', 'https'] as const
export const REDIRECT_STATUS_CODES = [301, 302, 303, 307, 308] as const

export interface RouteFeatures {
  hostnames: boolean
  /** Which match fields rules have; undefined when rules have no matches. */
  matches: 'http' | 'grpc' | undefined
  /** Filter types of rules and of backendRefs; empty when the kind has no filters. */
  filters: readonly FilterType[]
  timeouts: boolean
}

const FEATURES: Record<RouteKind, RouteFeatures> = {
  HTTPRoute: { hostnames: true, matches: 'http', filters: HTTP_FILTER_TYPES, timeouts: true },
  GRPCRoute: { hostnames: true, matches: 'grpc', filters: GRPC_FILTER_TYPES, timeouts: false },
  TLSRoute: { hostnames: true, matches: undefined, filters: [], timeouts: false },
  TCPRoute: { hostnames: false, matches: undefined, filters: [], timeouts: false },
  UDPRoute: { hostnames: false, matches: undefined, filters: [], timeouts: false },
}

export function routeFeatures(kind: RouteKind): RouteFeatures {
  return FEATURES[kind]
}

const nameValues: Shape = { items: { fields: { name: 'string', value: 'string' } } }
const headerModifier: Shape = { fields: { set: nameValues, add: nameValues, remove: 'strings' } }
const pathModifier: Shape = {
  fields: { type: 'string', replaceFullPath: 'string', replacePrefixMatch: 'string' },
}
const objectRefFields: Record<string, Shape> = {
  group: 'string',
  kind: 'string',
  name: 'string',
  namespace: 'string',
  port: 'number',
}
const objectRef: Shape = { fields: objectRefFields }
const valueMatches: Shape = { items: { fields: { type: 'string', name: 'string', value: 'string' } } }

const filterFields = {
  type: 'string',
  requestHeaderModifier: headerModifier,
  responseHeaderModifier: headerModifier,
  requestRedirect: {
    fields: {
      scheme: 'string',
      hostname: 'string',
      path: pathModifier,
      port: 'number',
      statusCode: 'number',
    },
  },
  urlRewrite: { fields: { hostname: 'string', path: pathModifier } },
  requestMirror: {
    fields: {
      backendRef: objectRef,
      percent: 'number',
      fraction: { fields: { numerator: 'number', denominator: 'number' } },
    },
  },
  cors: {
    fields: {
      allowOrigins: 'strings',
      allowMethods: 'strings',
      allowHeaders: 'strings',
      exposeHeaders: 'strings',
      allowCredentials: 'boolean',
      maxAge: 'number',
    },
  },
  extensionRef: { fields: { group: 'string', kind: 'string', name: 'string' } },
  externalAuth: 'any',
} satisfies Record<keyof FilterForm, Shape>

/** Only the settings keys of the kind's filter types are known; the others are kept as they are. */
function filtersShape(types: readonly FilterType[]): Shape {
  const fields: Record<string, Shape> = { type: 'string' }
  for (const type of types) fields[FILTER_FIELDS[type]] = filterFields[FILTER_FIELDS[type]]
  if (types.length > 0) fields.externalAuth = 'any'
  return { items: { fields } }
}

const parentRefs: Shape = {
  items: {
    fields: {
      group: 'string',
      kind: 'string',
      namespace: 'string',
      name: 'string',
      sectionName: 'string',
      port: 'number',
    },
  },
}

function matchesShape(matches: RouteFeatures['matches']): Shape | undefined {
  if (matches === 'http') {
    return {
      items: {
        fields: {
          path: { fields: { type: 'string', value: 'string' } },
          headers: valueMatches,
          queryParams: valueMatches,
          method: 'string',
        },
      },
    }
  }
  if (matches === 'grpc') {
    return {
      items: {
        fields: {
          method: { fields: { type: 'string', service: 'string', method: 'string' } },
          headers: valueMatches,
        },
      },
    }
  }
  return undefined
}

const SPEC_SHAPES = new Map<RouteKind, Shape>()

/** The Shape of a route kind's spec as the route form knows it. */
export function routeSpecShape(kind: RouteKind): Shape {
  let shape = SPEC_SHAPES.get(kind)
  if (shape === undefined) {
    const features = routeFeatures(kind)
    const backendRef: Record<string, Shape> = { ...objectRefFields, weight: 'number' }
    const rule: Record<string, Shape> = { name: 'string' }
    const matches = matchesShape(features.matches)
    if (matches !== undefined) rule.matches = matches
    if (features.filters.length > 0) {
      rule.filters = filtersShape(features.filters)
      backendRef.filters = filtersShape(features.filters)
    }
    rule.backendRefs = { items: { fields: backendRef } }
    if (features.timeouts) rule.timeouts = { fields: { request: 'string', backendRequest: 'string' } }
    const spec: Record<string, Shape> = { parentRefs }
    if (features.hostnames) spec.hostnames = 'strings'
    spec.rules = { items: { fields: rule } }
    shape = { fields: spec }
    SPEC_SHAPES.set(kind, shape)
  }
  return shape
}
