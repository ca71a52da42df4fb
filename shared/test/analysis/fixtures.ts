// Small object builders for analysis tests; every field a test does not name gets a plain default.
import type { KubeObject } from '../../src/index.ts'

const GW = 'gateway.networking.k8s.io/v1'

export const gatewayClass = (name = 'gc'): KubeObject => ({
  apiVersion: GW,
  kind: 'GatewayClass',
  metadata: { name },
  spec: { controllerName: 'example.com/controller' },
})

export const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
})

export const gateway = (
  namespace: string,
  name: string,
  listeners: unknown[],
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: GW,
  kind: 'Gateway',
  metadata: { namespace, name, generation: 1 },
  spec: { gatewayClassName: 'gc', listeners, ...extra },
})

export const http = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  port: 80,
  protocol: 'HTTP',
  ...extra,
})

export const route = (
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: GW,
  kind,
  metadata: { namespace, name, generation: 1, ...extra },
  spec,
})

export const service = (
  namespace: string,
  name: string,
  ports: unknown[] = [{ name: 'http', port: 8080 }],
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name },
  spec: { ports },
})

export const grant = (namespace: string, name: string, from: unknown[], to: unknown[]): KubeObject => ({
  apiVersion: GW,
  kind: 'ReferenceGrant',
  metadata: { namespace, name },
  spec: { from, to },
})

export const backend = (name: string, port = 8080, extra: Record<string, unknown> = {}) => ({
  name,
  port,
  ...extra,
})
