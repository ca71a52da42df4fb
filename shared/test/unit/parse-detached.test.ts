// The loader hands out strings of their own rather than views into the file's text (a memory
// matter, not visible to JavaScript); what must not change is the values, including a `__proto__`
// key, which stays an own property and never becomes the object's prototype.
import { describe, expect, it } from 'vitest'
import { parseManifests } from '../../src/loader/parse.ts'

const TEXT = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: a-route-with-a-long-name
  namespace: team-with-a-long-name
  labels:
    __proto__: a-long-label-value-here
    app.kubernetes.io/name: storefront-frontend
spec:
  hostnames: [a-very-long-hostname.example.com, short.example]
  rules:
    - backendRefs:
        - name: backend-service-with-a-long-name
          port: 8080
`

describe('strings read from a file', () => {
  it('keep their values, short and long, in maps and lists', () => {
    const [loaded] = parseManifests(TEXT, 'routes.yaml').objects
    const route = loaded!.object as unknown as {
      metadata: { name: string; namespace: string; labels: Record<string, string> }
      spec: { hostnames: string[]; rules: { backendRefs: { name: string; port: number }[] }[] }
    }
    expect(route.metadata.name).toBe('a-route-with-a-long-name')
    expect(route.metadata.namespace).toBe('team-with-a-long-name')
    expect(route.spec.hostnames).toEqual(['a-very-long-hostname.example.com', 'short.example'])
    expect(route.spec.rules[0]!.backendRefs[0]).toEqual({
      name: 'backend-service-with-a-long-name',
      port: 8080,
    })
    expect(route.metadata.labels['app.kubernetes.io/name']).toBe('storefront-frontend')
    expect(loaded!.locate(['spec', 'rules', 0, 'backendRefs', 0, 'name'])).toEqual({
      file: 'routes.yaml',
      line: 13,
      column: 11,
    })
  })

  it('leave a __proto__ key an own property, not the prototype', () => {
    const labels = (parseManifests(TEXT, 'routes.yaml').objects[0]!.object.metadata.labels ?? {}) as object
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).toBe('a-long-label-value-here')
  })
})
