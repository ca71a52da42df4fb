// Deeply nested proposals, as JSON objects and as text, get "nesting deeper than 64 levels" with the
// place, never a stack overflow: the loader's limit guards /api/validate and /api/apply alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './helpers.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ bodyLimit: 4 * 1024 * 1024 })
})
afterAll(() => server.close())

/** JSON text of an HTTPRoute whose spec nests `levels` objects; built as text, since JSON.stringify recurses. */
function deepRoute(levels: number): string {
  const spec = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
  return `{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"deep","namespace":"default"},"spec":${spec}}`
}

async function post(path: string, body: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const DEPTH = /nesting deeper than 64 levels/

describe.each([100, 10_000])('an HTTPRoute nested %i levels', (levels) => {
  it('as a JSON object: /api/validate answers with the limit and the path, nothing is judged', async () => {
    const { status, body } = await post('/api/validate', `{"object":${deepRoute(levels)}}`)
    expect(status).toBe(200)
    expect(body.valid).toBe(false)
    expect(body.objects).toEqual([])
    const findings = body.findings as { message: string; path: string }[]
    expect(findings).toHaveLength(1)
    expect(findings[0]!.message).toMatch(DEPTH)
    expect(findings[0]!.message).toContain('(at spec.a.a.a')
    expect(findings[0]!.path.split('.')).toHaveLength(64)
  })

  it('as a JSON object: /api/apply is a 422 naming the request body; nothing is stored', async () => {
    const { status, body } = await post('/api/apply', `{"object":${deepRoute(levels)}}`)
    expect(status).toBe(422)
    expect(body.message).toMatch(
      /^the request body cannot be read: nesting deeper than 64 levels \(at spec\.a/,
    )
    expect(body.message).not.toMatch(/stack|line 0/i)
    expect(server.store.get('HTTPRoute', 'default', 'deep')).toBeUndefined()
  })

  it('as text: /api/validate and /api/apply name the file and the line and column where it got too deep', async () => {
    const yaml = JSON.stringify({ yaml: deepRoute(levels), file: 'routes/deep.json' })
    const validated = await post('/api/validate', yaml)
    expect(validated.status).toBe(200)
    const findings = validated.body.findings as { message: string; line: number; column: number }[]
    // Level 65 starts at the 63rd `{"a":` of the spec (the route itself and its spec are 1 and 2).
    const column = deepRoute(levels).indexOf('"spec":') + '"spec":'.length + 63 * 5 + 1
    expect(findings).toEqual([
      expect.objectContaining({
        message: 'document 1: nesting deeper than 64 levels; it was not read',
        line: 1,
        column,
      }),
    ])
    const applied = await post('/api/apply', yaml)
    expect(applied.status).toBe(422)
    expect(applied.body.message).toBe(
      `routes/deep.json cannot be read: document 1: nesting deeper than 64 levels; it was not read (line 1, column ${column})`,
    )
  })
})

it('an object at the limit is read and judged', async () => {
  let spec = '{"parentRefs":[{"name":"gw"}],"rules":[{"matches":[{"headers":[{"name":"x","value":"y"}]}]}]}'
  spec = spec.replace('"value":"y"', `"value":"y","z":${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)
  const { status, body } = await post(
    '/api/validate',
    `{"object":{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"ok","namespace":"default"},"spec":${spec}}}`,
  )
  expect(status).toBe(200)
  expect(body.objects).toHaveLength(1)
  expect(JSON.stringify(body)).not.toMatch(/nesting deeper/)
})
