// Every CEL rule of the Gateway API CRDs (both channels), through the editor's own check path — the
// graph worker's draft check (YAML text → checkDraft → the shared validator with @bufbuild/cel), the
// code the browser runs on each keystroke — with its passing sample clean and its violating sample
// marked on the rule's field. Only the CRD fetch is faked (it returns the CRD from the Go module).
import {
  Analyzer,
  createMirror,
  formatFieldPath,
  type KubeObject,
  objectKey,
  parseFieldPath,
} from '@gatemap/shared'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { stringify } from 'yaml'
import { crdOf, RULE_CASES } from '../../../shared/test/validation/rule-table.ts'
import type { RuleCase } from '../../../shared/test/validation/samples.ts'

// Status rules run on the status subresource, which an editor never writes (the API server ignores
// status on the main resource), and the experimental x-k8s.io kinds (XBackend, XMesh…) are not kinds
// Gatemap reads or edits; the shared validator's own tests cover both.
const editable = (c: RuleCase) =>
  !c.status && (c.pass.apiVersion as string).startsWith('gateway.networking.k8s.io/')
const EDITABLE = RULE_CASES.filter(editable)
let currentCase: RuleCase | undefined

beforeAll(() => {
  // The worker caches a CRD per kind; each case's channel decides which CRD the fake returns.
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(currentCase ? crdOf(currentCase) : null)))
})
afterAll(() => vi.unstubAllGlobals())

let id = 0
let loadedChannel: string | undefined
async function check(c: RuleCase, object: Record<string, unknown>) {
  currentCase = c
  // The worker caches one CRD per kind; a fresh module per channel keeps the two channels apart.
  if (c.channel !== loadedChannel) {
    vi.resetModules()
    loadedChannel = c.channel
  }
  const { runDraftCheck: run } = await import('../../src/worker/draft-check.ts')
  const mirror = createMirror()
  if (c.old) {
    const old = c.old as unknown as KubeObject
    mirror.objects.set(objectKey(old.kind, old.metadata.namespace, old.metadata.name), { object: old })
  }
  const analyzer = new Analyzer()
  const result = await run(
    {
      type: 'draft',
      id: ++id,
      text: stringify(object, { aliasDuplicateObjects: false }),
      file: 'sample.yaml',
    },
    () => analyzer,
    mirror,
  )
  return result.findings.filter(
    (f) => f.severity === 'error' && (f.source === 'cel' || f.source === 'schema'),
  )
}

test('covers the rules an editor can break', () => {
  expect(EDITABLE.length).toBeGreaterThan(85)
  expect(RULE_CASES.length - EDITABLE.length).toBeLessThan(15)
})

describe.each(EDITABLE.map((c) => [`${c.channel}: ${c.rule.slice(0, 60)}`, c] as const))('%s', (_, c) => {
  test('passing sample: no schema or CEL error', async () => {
    expect(await check(c, c.pass)).toEqual([])
  })

  test('violating sample: an error on the rule’s field', async () => {
    const errors = await check(c, c.fail)
    if (c.shadowedBy) {
      expect(errors.filter((f) => f.source === 'schema').length).toBeGreaterThan(0)
      return
    }
    const at = formatFieldPath(c.at)
    const hit = errors.find((f) => f.source === 'cel' && f.path === at)
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined()
    expect(hit?.line).toBeGreaterThan(0)
    expect(parseFieldPath(hit?.path ?? '')).toEqual([...c.at])
  })
})
