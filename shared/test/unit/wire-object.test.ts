// What every object on the wire must have: the hand-written checks, and the schemas built on them
// as the server and the web app parse messages with them.
import { describe, expect, it } from 'vitest'
import { parseServerMessage, StoredEntrySchema, WireObjectSchema } from '../../src/index.ts'
import { originProblem, storedEntryProblem, wireObjectProblem } from '../../src/wire/wire-object.ts'

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } }

describe('wireObjectProblem', () => {
  it('lets an object through with whatever else it carries', () => {
    expect(wireObjectProblem(service)).toBeUndefined()
    expect(wireObjectProblem({ ...service, spec: { ports: [] }, status: 3 })).toBeUndefined()
    expect(wireObjectProblem({ ...service, metadata: { name: 'c', resourceVersion: '7' } })).toBeUndefined()
  })

  // Each refusal names the field, as the object schema's did.
  const cases: [string, unknown, string][] = [
    ['not an object', 'Service', 'expected an object'],
    ['an array', [service], 'expected an object'],
    ['null', null, 'expected an object'],
    ['no apiVersion', { ...service, apiVersion: undefined }, 'apiVersion: expected a non-empty string'],
    ['an empty apiVersion', { ...service, apiVersion: '' }, 'apiVersion: expected a non-empty string'],
    ['a number for kind', { ...service, kind: 4 }, 'kind: expected a non-empty string'],
    ['no metadata', { apiVersion: 'v1', kind: 'Service' }, 'metadata: expected an object'],
    [
      'no name',
      { ...service, metadata: { namespace: 'shop' } },
      'metadata.name: expected a non-empty string',
    ],
    ['an empty name', { ...service, metadata: { name: '' } }, 'metadata.name: expected a non-empty string'],
    [
      'a number for namespace',
      { ...service, metadata: { name: 'a', namespace: 1 } },
      'metadata.namespace: expected a string',
    ],
    [
      'a number for resourceVersion',
      { ...service, metadata: { name: 'a', resourceVersion: 12 } },
      'metadata.resourceVersion: expected a string',
    ],
  ]
  for (const [what, value, problem] of cases) {
    it(`refuses ${what}`, () => {
      expect(wireObjectProblem(value)).toBe(problem)
      const parsed = WireObjectSchema.safeParse(value)
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toBe(problem)
    })
  }
})

describe('storedEntryProblem', () => {
  it('checks the object and, when given, its origin', () => {
    expect(storedEntryProblem({ object: service })).toBeUndefined()
    expect(
      storedEntryProblem({ object: service, origin: { file: 'shop/web.yaml', line: 3 } }),
    ).toBeUndefined()
    expect(storedEntryProblem({ object: { ...service, metadata: {} } })).toBe(
      'object.metadata.name: expected a non-empty string',
    )
    expect(storedEntryProblem({})).toBe('object: expected an object')
    expect(storedEntryProblem({ object: service, origin: { file: 'a.yaml', line: 0 } })).toBe(
      'origin.line: expected a positive integer',
    )
    expect(storedEntryProblem({ object: service, origin: 'a.yaml:3' })).toBe('origin: expected an object')
    expect(originProblem({ line: 2 })).toBe('file: expected a string')
  })

  it('passes the entry through as it is, not a copy', () => {
    const entry = { object: service, origin: { file: 'a.yaml', line: 1 } }
    expect(StoredEntrySchema.parse(entry)).toBe(entry)
  })
})

describe('a snapshot message', () => {
  const snapshot = (objects: unknown[]) =>
    JSON.stringify({ type: 'snapshot', seq: 4, epoch: 'e', reason: 'initial', objects, kinds: [], files: [] })

  it('parses with its objects as they were sent', () => {
    const parsed = parseServerMessage(snapshot([{ object: service, origin: { file: 'a.yaml', line: 2 } }]))
    expect(parsed.ok && parsed.value.type === 'snapshot' && parsed.value.objects).toEqual([
      { object: service, origin: { file: 'a.yaml', line: 2 } },
    ])
  })

  it('is refused with the object that is wrong and its field', () => {
    const parsed = parseServerMessage(snapshot([{ object: service }, { object: { ...service, kind: '' } }]))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.error).toContain('object.kind: expected a non-empty string')
      expect(parsed.error).toContain('objects[1]')
    }
  })
})
