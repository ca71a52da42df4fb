// The text report explains each finding ("why:" lines from the checks the analysis keeps for it);
// JSON output builds no explanation, and its exit code, decided by the same findings, must not move.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runAnalyze } from '../../src/cli/analyze.ts'

const REPO = fileURLToPath(new URL('../../../', import.meta.url))

describe('analyze: explanations in the text report, none needed for JSON', () => {
  it.each(['examples/broken', 'examples/shared-gateway', 'examples/backend-tls'])('%s', async (example) => {
    const paths = [join(REPO, example)]
    const text = await runAnalyze({ paths, output: 'text' })
    const json = await runAnalyze({ paths, output: 'json' })
    expect(json.code).toBe(text.code)
    if (example !== 'examples/broken') return
    const report = [...text.stdout].join('')
    const why = report.split('\n').filter((l) => l.startsWith('  why: '))
    // Route findings among them: a parentRef refused by a listener, a backendRef not found.
    expect(why.length).toBeGreaterThan(3)
    expect(report).toMatch(/HTTPRoute [^\n]+\n[^\n]+\n( {2}why: [^\n]+\n)+/)
  })
})
