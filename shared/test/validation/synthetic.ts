// A made-up CRD around a given spec schema, for keyword-by-keyword tests.
import type { CrdLike, JsonSchema, ValidationRule } from '../../src/index.ts'

export function crdWith(spec: JsonSchema, rootRules: ValidationRule[] = []): CrdLike {
  return {
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec,
                status: { type: 'object', properties: { phase: { type: 'string', maxLength: 3 } } },
              },
              ...(rootRules.length > 0 ? { 'x-kubernetes-validations': rootRules } : {}),
            },
          },
        },
        { name: 'v2', served: false, schema: { openAPIV3Schema: { type: 'object' } } },
        { name: 'v3', served: true },
      ],
    },
  }
}

export function widget(spec: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'ns' },
    spec,
    ...extra,
  }
}
