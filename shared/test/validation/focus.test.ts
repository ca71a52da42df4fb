// Where a CEL violation is marked, with the Gateway API's own rules (the v1.6.1 CRDs from the module
// cache): each manifest marks the expected line with `# <-`, and the rule's finding must land there.
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/loader/parse.ts'
import { findingFocus } from '../../src/validation/focus.ts'
import { locateFindings } from '../../src/validation/locate.ts'
import { formatFieldPath } from '../../src/validation/path.ts'
import { validateObject } from '../../src/validation/validate.ts'
import { crdFor } from './crds.ts'

const route = (rules: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: shop
spec:
  parentRefs:
    - name: gw
  rules:
${rules}`

interface Case {
  name: string
  text: string
  /** The rule's message, as the CRD writes it. */
  message: RegExp
  /** The path the API server reports, which the finding keeps. */
  reported: string
}

const CASES: Case[] = [
  {
    name: "a path value that does not start with '/' marks the value, not `- path:`",
    text: route(`    - matches:
        - path:
            type: PathPrefix
            value: shop # <-
`),
    message: /^value must be an absolute path and start with '\/'/,
    reported: 'spec.rules[0].matches[0].path',
  },
  {
    name: "a path with '//' marks the value (the rule's check reads only the value)",
    text: route(`    - matches:
        - path:
            type: Exact
            value: /a//b # <-
`),
    message: /^must not contain '\/\/'/,
    reported: 'spec.rules[0].matches[0].path',
  },
  {
    name: 'a filter field set for another filter type marks that field',
    text: route(`    - filters:
        - type: RequestRedirect
          requestRedirect:
            statusCode: 301
          requestHeaderModifier: # <-
            set:
              - name: a
                value: b
`),
    message: /^filter\.requestHeaderModifier must be nil if the filter\.type is not RequestHeaderModifier/,
    reported: 'spec.rules[0].filters[0]',
  },
  {
    name: 'a filter type whose field is missing marks the type (the only field the rule reads that is there)',
    text: route(`    - filters:
        - type: RequestHeaderModifier # <-
`),
    message: /^filter\.requestHeaderModifier must be specified for RequestHeaderModifier filter\.type/,
    reported: 'spec.rules[0].filters[0]',
  },
  {
    name: 'a Service backend without a port marks the backend: the field to add is missing',
    text: route(`    - backendRefs:
        - name: store # <-
          kind: Service
`),
    message: /^Must have port for Service reference/,
    reported: 'spec.rules[0].backendRefs[0]',
  },
  {
    name: 'a rule over a list stays on the list',
    text: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: shop
spec:
  parentRefs: # <-
    - name: gw
    - name: gw
`,
    message: /^sectionName must be unique when parentRefs includes 2 or more references to the same parent/,
    reported: 'spec.parentRefs',
  },
]

const markedLine = (text: string) => text.split('\n').findIndex((line) => line.includes('# <-')) + 1

describe('CEL violations are marked on the field the rule is about', () => {
  const crd = crdFor('gateway.networking.k8s.io/v1', 'HTTPRoute')?.crd
  if (!crd) throw new Error('no HTTPRoute CRD in the module cache')

  for (const c of CASES) {
    it(c.name, () => {
      const loaded = parseManifests(c.text, 'route.yaml').objects[0]
      if (!loaded) throw new Error('the manifest did not load')
      const findings = validateObject(crd, loaded.object).findings.filter((f) => c.message.test(f.message))
      expect(findings.map((f) => f.message)).toHaveLength(1)
      const [located] = locateFindings(loaded, findings)
      expect(located?.line).toBe(markedLine(c.text))
      // What the API server reports is unchanged: only the mark moves.
      expect(formatFieldPath(located?.path ?? [])).toBe(c.reported)
    })
  }
})

describe('findingFocus', () => {
  const finding = (rule: string, message: string) =>
    ({ path: ['spec'], message, source: 'cel', severity: 'error', type: 'Invalid', rule }) as const

  it('leaves findings that are not CEL, or not on an object, where they are', () => {
    const object = { spec: { a: 1 } }
    expect(findingFocus({ ...finding('self.a > 1', 'a'), source: 'schema' }, object)).toEqual(['spec'])
    expect(findingFocus({ ...finding('self.a > 1', 'a'), path: ['spec', 'a'] }, object)).toEqual([
      'spec',
      'a',
    ])
  })

  it('stays on the object when two fields present could be meant', () => {
    const object = { spec: { a: 1, b: 2 } }
    expect(findingFocus(finding('self.a < self.b', 'must be ordered'), object)).toEqual(['spec'])
    // …unless the message starts with one of them.
    expect(findingFocus(finding('self.a < self.b', 'b must be greater than a'), object)).toEqual([
      'spec',
      'b',
    ])
  })

  it("reads a ternary's check, not its condition, and ignores operators inside strings", () => {
    const object = { spec: { kind: 'x', port: 1 } }
    expect(findingFocus(finding("self.kind == 'a?b:c' ? self.port > 8 : true", 'too low'), object)).toEqual([
      'spec',
      'port',
    ])
  })
})
