// `analyze --output json` hands its List over in pieces (never one 40 MB string); joined, the pieces
// must be exactly the pretty-printed JSON a single JSON.stringify gave, policies included.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runAnalyze } from '../../src/cli/analyze.ts'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))

describe('analyze --output json in pieces', () => {
  it.each(['examples/policies', 'examples/tcp'])('%s joins to the pretty-printed List', async (example) => {
    const result = await runAnalyze({ paths: [join(REPO, example)], output: 'json' })
    expect(typeof result.stdout).not.toBe('string')
    const pieces = [...result.stdout]
    expect(pieces.length).toBeGreaterThan(3)
    const text = pieces.join('')
    const list = JSON.parse(text) as { kind: string; items: unknown[]; effectivePolicies: unknown[] }
    expect(text).toBe(`${JSON.stringify(list, null, 2)}\n`)
    expect(list.kind).toBe('List')
    expect(list.items.length).toBeGreaterThan(0)
    if (example === 'examples/policies') expect(list.effectivePolicies.length).toBeGreaterThan(0)
  })

  it('an empty folder gives an empty List', async () => {
    const result = await runAnalyze({
      paths: [join(REPO, 'examples/tcp/no-such-subfolder-ok')],
      output: 'json',
    })
    const text = [...result.stdout].join('')
    expect(JSON.parse(text)).toEqual({ apiVersion: 'v1', kind: 'List', items: [], effectivePolicies: [] })
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
  })
})
