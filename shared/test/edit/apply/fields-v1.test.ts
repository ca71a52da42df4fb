// FieldsV1 as the API server writes it in metadata.managedFields: members, keys, values, indexes,
// the `.` marker, and errors that name the entry and the place in the tree.
import { describe, expect, it } from 'vitest'
import { FieldSet, formatPath, parseFieldsV1, readManagedFields } from '../../../src/index.ts'

const members = (tree: unknown) => parseFieldsV1(tree).paths().map(formatPath).sort()

describe('parseFieldsV1', () => {
  const rows: { name: string; tree: unknown; members: string[] }[] = [
    { name: 'nothing', tree: {}, members: [] },
    { name: 'a leaf field', tree: { 'f:spec': { 'f:hostnames': {} } }, members: ['spec.hostnames'] },
    {
      name: 'a way through is not a member; `.` makes it one',
      tree: { 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } },
      members: ['metadata.labels', 'metadata.labels.team'],
    },
    {
      name: 'label keys that are not identifiers',
      tree: { 'f:metadata': { 'f:annotations': { 'f:example.com/owner': {} } } },
      members: ['metadata.annotations[example.com/owner]'],
    },
    {
      name: 'a map-list item by its key, and its fields',
      tree: {
        'f:spec': { 'f:listeners': { 'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} } } },
      },
      members: [
        'spec.listeners[name=http]',
        'spec.listeners[name=http].name',
        'spec.listeners[name=http].port',
      ],
    },
    {
      name: 'a compound key, whatever its key order',
      tree: { 'f:spec': { 'f:ports': { 'k:{"protocol":"TCP","port":80}': {} } } },
      members: ['spec.ports[port=80,protocol=TCP]'],
    },
    {
      name: 'set values and indexes',
      tree: { 'f:metadata': { 'f:finalizers': { 'v:"example.com/keep"': {}, 'i:2': {} } } },
      members: ['metadata.finalizers[2]', 'metadata.finalizers[example.com/keep]'],
    },
  ]
  for (const row of rows) it(row.name, () => expect(members(row.tree)).toEqual(row.members))

  it('keys name the same item however their JSON was spelled', () => {
    const set = parseFieldsV1({ 'f:spec': { 'f:ports': { 'k:{"protocol":"TCP","port":80}': {} } } })
    expect(set.has([{ field: 'spec' }, { field: 'ports' }, { key: { port: 80, protocol: 'TCP' } }])).toBe(
      true,
    )
    expect(set.has([{ field: 'spec' }, { field: 'ports' }, { key: { port: 81, protocol: 'TCP' } }])).toBe(
      false,
    )
  })

  const errors: { name: string; tree: unknown; message: RegExp }[] = [
    { name: 'not an object', tree: [], message: /^fieldsV1: expected an object$/ },
    { name: 'no prefix', tree: { spec: {} }, message: /fieldsV1: key "spec" has no "f:"/ },
    { name: 'unknown prefix', tree: { 'x:spec': {} }, message: /unknown prefix "x:"/ },
    { name: 'empty field', tree: { 'f:': {} }, message: /names no field/ },
    {
      name: 'a key that is not JSON, named by where it is',
      tree: { 'f:spec': { 'f:listeners': { 'k:{name}': {} } } },
      message: /^fieldsV1 at spec\.listeners: key "\{name\}" is not JSON$/,
    },
    { name: 'a key that is not an object', tree: { 'k:"x"': {} }, message: /is not a JSON object/ },
    { name: 'a bad index', tree: { 'i:-1': {} }, message: /index "-1" is not a number/ },
    {
      name: 'a child that is not an object',
      tree: { 'f:spec': 1 },
      message: /^fieldsV1 at spec: expected an object$/,
    },
  ]
  for (const row of errors)
    it(`refuses ${row.name}`, () => expect(() => parseFieldsV1(row.tree)).toThrow(row.message))
})

describe('readManagedFields', () => {
  it('reads manager, operation, subresource and fields', () => {
    const entries = readManagedFields([
      {
        manager: 'gitops',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:rules': {} } },
      },
      {
        manager: 'controller',
        operation: 'Update',
        subresource: 'status',
        fieldsV1: { 'f:status': { '.': {} } },
      },
      { manager: 'empty', operation: 'Update' },
    ])
    expect(
      entries.map((e) => [e.manager, e.operation, e.subresource, e.fields.paths().map(formatPath)]),
    ).toEqual([
      ['gitops', 'Apply', undefined, ['spec.rules']],
      ['controller', 'Update', 'status', ['status']],
      ['empty', 'Update', undefined, []],
    ])
  })

  it('has nothing to read when there is no managedFields', () =>
    expect(readManagedFields(undefined)).toEqual([]))

  const errors: { name: string; value: unknown; message: RegExp }[] = [
    { name: 'not a list', value: {}, message: /^metadata\.managedFields: expected a list$/ },
    {
      name: 'an entry without manager',
      value: [{}],
      message: /^metadata\.managedFields\[0\]\.manager: expected a string$/,
    },
    {
      name: 'another fields type',
      value: [{ manager: 'm', fieldsType: 'FieldsV2' }],
      message: /^metadata\.managedFields\[0\]\.fieldsType: "FieldsV2" is not FieldsV1$/,
    },
    {
      name: 'a broken tree, named by entry and place',
      value: [
        { manager: 'a', fieldsV1: {} },
        { manager: 'b', fieldsV1: { 'f:spec': { bad: {} } } },
      ],
      message: /^metadata\.managedFields\[1\]\.fieldsV1 at spec: key "bad"/,
    },
  ]
  for (const row of errors)
    it(`refuses ${row.name}`, () => expect(() => readManagedFields(row.value)).toThrow(row.message))
})

describe('FieldSet.touches', () => {
  const set = FieldSet.of([[{ field: 'metadata' }, { field: 'labels' }, { field: 'team' }]])
  const rows: [string, Parameters<FieldSet['touches']>[0], boolean][] = [
    ['the member itself', [{ field: 'metadata' }, { field: 'labels' }, { field: 'team' }], true],
    ['a container of it', [{ field: 'metadata' }, { field: 'labels' }], true],
    ['a sibling', [{ field: 'metadata' }, { field: 'labels' }, { field: 'tier' }], false],
    ['a field whose name starts the same', [{ field: 'metadata' }, { field: 'label' }], false],
    [
      'something under it',
      [{ field: 'metadata' }, { field: 'labels' }, { field: 'team' }, { field: 'x' }],
      false,
    ],
  ]
  for (const [name, path, expected] of rows) it(name, () => expect(set.touches(path)).toBe(expected))
})
