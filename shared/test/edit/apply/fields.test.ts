// Field by field as server-side apply owns them: the shapes the Gateway API CRDs give their lists,
// what changed between two objects, and an object cut down to a set of fields.
import { describe, expect, it } from 'vitest'
import {
  changesBetween,
  crdVersionSchema,
  FieldSet,
  type FieldShape,
  fieldsOf,
  formatPath,
  type JsonSchema,
  objectShape,
  type PathElement,
  pick,
} from '../../../src/index.ts'
import { crdFor } from '../../validation/crds.ts'

/** A small schema with one of each kind of field. */
const SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        hostnames: { type: 'array', items: { type: 'string' } },
        listeners: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              port: { type: 'integer' },
              tls: { type: 'object', properties: { mode: { type: 'string' } } },
            },
          },
        },
        codes: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'integer' } },
        selector: {
          type: 'object',
          'x-kubernetes-map-type': 'atomic',
          additionalProperties: { type: 'string' },
        },
        options: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
}
const shape = objectShape(SCHEMA)
const show = (paths: readonly (readonly PathElement[])[]) => paths.map(formatPath).sort()

describe('fieldsOf', () => {
  const rows: { name: string; value: unknown; fields: string[] }[] = [
    { name: 'scalars', value: { spec: { hostnames: ['a'] } }, fields: ['spec.hostnames'] },
    {
      name: 'a map list item by key, field by field',
      value: { spec: { listeners: [{ name: 'http', port: 80, tls: { mode: 'Terminate' } }] } },
      fields: [
        'spec.listeners[name=http].name',
        'spec.listeners[name=http].port',
        'spec.listeners[name=http].tls.mode',
      ],
    },
    {
      name: 'set values',
      value: { spec: { codes: [500, 502] } },
      fields: ['spec.codes[500]', 'spec.codes[502]'],
    },
    {
      name: 'an atomic map whole',
      value: { spec: { selector: { a: 'b', c: 'd' } } },
      fields: ['spec.selector'],
    },
    {
      name: 'a granular map by key',
      value: { spec: { options: { a: 'b', c: 'd' } } },
      fields: ['spec.options.a', 'spec.options.c'],
    },
    {
      name: 'kept unknown fields: maps granular, lists atomic',
      value: { spec: { free: { x: { y: 1 }, list: [{ a: 1 }] } } },
      fields: ['spec.free.list', 'spec.free.x.y'],
    },
    {
      name: 'an empty container is a value',
      value: { spec: { options: {}, listeners: [] } },
      fields: ['spec.listeners', 'spec.options'],
    },
    {
      name: 'metadata as ObjectMeta: labels by key, finalizers a set, ownerReferences by uid',
      value: {
        metadata: {
          labels: { team: 'a' },
          finalizers: ['example.com/keep'],
          ownerReferences: [{ uid: 'u1', kind: 'X', name: 'x' }],
        },
      },
      fields: [
        'metadata.finalizers[example.com/keep]',
        'metadata.labels.team',
        'metadata.ownerReferences[uid=u1].kind',
        'metadata.ownerReferences[uid=u1].name',
        'metadata.ownerReferences[uid=u1].uid',
      ],
    },
    {
      name: 'a value that does not fit its schema is one field',
      value: { spec: { listeners: 'oops', options: null } },
      fields: ['spec.listeners', 'spec.options'],
    },
  ]
  for (const row of rows) it(row.name, () => expect(show(fieldsOf(row.value, shape))).toEqual(row.fields))
})

describe('changesBetween', () => {
  const rows: { name: string; base: unknown; edited: unknown; changed: string[]; removed: string[] }[] = [
    {
      name: 'nothing',
      base: { spec: { hostnames: ['a'] } },
      edited: { spec: { hostnames: ['a'] } },
      changed: [],
      removed: [],
    },
    {
      name: 'an atomic list changes as a whole',
      base: { spec: { hostnames: ['a', 'b'] } },
      edited: { spec: { hostnames: ['a'] } },
      changed: ['spec.hostnames'],
      removed: [],
    },
    {
      name: 'one field of a map list item',
      base: {
        spec: {
          listeners: [
            { name: 'a', port: 80 },
            { name: 'b', port: 81 },
          ],
        },
      },
      edited: {
        spec: {
          listeners: [
            { name: 'a', port: 80 },
            { name: 'b', port: 8081 },
          ],
        },
      },
      changed: ['spec.listeners[name=b].port'],
      removed: [],
    },
    {
      name: 'map list items matched by key, not position',
      base: {
        spec: {
          listeners: [
            { name: 'a', port: 80 },
            { name: 'b', port: 81 },
          ],
        },
      },
      edited: {
        spec: {
          listeners: [
            { name: 'b', port: 81 },
            { name: 'a', port: 80 },
          ],
        },
      },
      changed: [],
      removed: [],
    },
    {
      name: 'a map list item added and one removed',
      base: { spec: { listeners: [{ name: 'a', port: 80 }] } },
      edited: { spec: { listeners: [{ name: 'c', port: 82 }] } },
      changed: ['spec.listeners[name=c].name', 'spec.listeners[name=c].port'],
      removed: ['spec.listeners[name=a]'],
    },
    {
      name: 'a field removed inside an item',
      base: { spec: { listeners: [{ name: 'a', port: 80, tls: { mode: 'Terminate' } }] } },
      edited: { spec: { listeners: [{ name: 'a', port: 80 }] } },
      changed: [],
      removed: ['spec.listeners[name=a].tls'],
    },
    {
      name: 'set values added and removed',
      base: { spec: { codes: [500, 502] } },
      edited: { spec: { codes: [502, 503] } },
      changed: ['spec.codes[503]'],
      removed: ['spec.codes[500]'],
    },
    {
      name: 'a label changed, one removed, one added',
      base: { metadata: { labels: { a: '1', b: '2' } } },
      edited: { metadata: { labels: { a: '9', c: '3' } } },
      changed: ['metadata.labels.a', 'metadata.labels.c'],
      removed: ['metadata.labels.b'],
    },
    {
      name: 'a whole section removed is one removal',
      base: { metadata: { labels: { a: '1', b: '2' } }, spec: {} },
      edited: { metadata: {}, spec: {} },
      changed: [],
      removed: ['metadata.labels'],
    },
    {
      name: 'a map emptied: its fields removed',
      base: { spec: { options: { a: '1' } } },
      edited: { spec: { options: {} } },
      changed: [],
      removed: ['spec.options.a'],
    },
    {
      name: 'a section added: every field in it',
      base: { spec: {} },
      edited: { spec: { options: { a: '1', b: '2' } } },
      changed: ['spec.options.a', 'spec.options.b'],
      removed: [],
    },
    {
      name: 'an atomic map changes as a whole',
      base: { spec: { selector: { a: '1', b: '2' } } },
      edited: { spec: { selector: { a: '1' } } },
      changed: ['spec.selector'],
      removed: [],
    },
    {
      name: 'a change of type is a change of the whole value',
      base: { spec: { options: { a: '1' } } },
      edited: { spec: { options: null } },
      changed: ['spec.options'],
      removed: [],
    },
    {
      name: 'kept unknown fields compare key by key',
      base: { spec: { free: { x: 1, y: 2 } } },
      edited: { spec: { free: { x: 1, y: 3 } } },
      changed: ['spec.free.y'],
      removed: [],
    },
  ]
  for (const row of rows) {
    it(row.name, () => {
      const changes = changesBetween(row.base, row.edited, shape)
      expect({ changed: show(changes.changed), removed: show(changes.removed) }).toEqual({
        changed: row.changed,
        removed: row.removed,
      })
    })
  }
})

describe('pick', () => {
  const value = {
    metadata: { labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
    spec: {
      hostnames: ['h'],
      listeners: [
        { name: 'a', port: 80, tls: { mode: 'Terminate' } },
        { name: 'b', port: 81 },
      ],
      options: {},
    },
  }
  const f = (name: string): PathElement => ({ field: name })
  const rows: { name: string; keep: PathElement[][]; picked: unknown }[] = [
    { name: 'nothing kept', keep: [], picked: undefined },
    {
      name: 'an atomic list whole',
      keep: [[f('spec'), f('hostnames')]],
      picked: { spec: { hostnames: ['h'] } },
    },
    {
      name: 'an item with its key, even when the key is not kept',
      keep: [[f('spec'), f('listeners'), { key: { name: 'b' } }, f('port')]],
      picked: { spec: { listeners: [{ name: 'b', port: 81 }] } },
    },
    {
      name: 'one label and one finalizer',
      keep: [
        [f('metadata'), f('labels'), f('b')],
        [f('metadata'), f('finalizers'), { value: 'y' }],
      ],
      picked: { metadata: { labels: { b: '2' }, finalizers: ['y'] } },
    },
    {
      name: 'an owned empty container',
      keep: [[f('spec'), f('options')]],
      picked: { spec: { options: {} } },
    },
    {
      name: 'kept fields that the value no longer has are simply absent',
      keep: [
        [f('spec'), f('gone')],
        [f('metadata'), f('labels'), f('zzz')],
      ],
      picked: undefined,
    },
  ]
  for (const row of rows)
    it(row.name, () => expect(pick(value, shape, FieldSet.of(row.keep))).toEqual(row.picked))
})

describe('the Gateway API CRDs', () => {
  const shapeOf = (apiVersion: string, kind: string): FieldShape => {
    const found = crdFor(apiVersion, kind)
    const version = found && crdVersionSchema(found.crd, apiVersion)
    if (!version?.ok) throw new Error(`no CRD for ${kind}`)
    return objectShape(version.value.schema)
  }

  it('HTTPRoute: parentRefs, hostnames and rules are atomic lists, so a weight changes all the rules', () => {
    const base = {
      spec: {
        parentRefs: [{ name: 'gw' }],
        rules: [{ backendRefs: [{ name: 'a', port: 80, weight: 1 }] }],
      },
    }
    const edited = structuredClone(base)
    edited.spec.rules[0]!.backendRefs[0]!.weight = 5
    const route = shapeOf('gateway.networking.k8s.io/v1', 'HTTPRoute')
    expect(show(changesBetween(base, edited, route).changed)).toEqual(['spec.rules'])
    expect(show(fieldsOf(base, route))).toEqual(['spec.parentRefs', 'spec.rules'])
  })

  it('Gateway: listeners are a map list keyed by name', () => {
    const gateway = shapeOf('gateway.networking.k8s.io/v1', 'Gateway')
    const base = {
      spec: { gatewayClassName: 'c', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    }
    const edited = {
      spec: { gatewayClassName: 'c', listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }] },
    }
    expect(show(changesBetween(base, edited, gateway).changed)).toEqual(['spec.listeners[name=http].port'])
  })

  it('HTTPRoute header matches are a map list keyed by name inside the atomic rules', () => {
    const route = shapeOf('gateway.networking.k8s.io/v1', 'HTTPRoute')
    const value = { spec: { rules: [{ matches: [{ headers: [{ name: 'x', value: '1' }] }] }] } }
    // Under an atomic ancestor nothing is owned separately.
    expect(show(fieldsOf(value, route))).toEqual(['spec.rules'])
  })
})
