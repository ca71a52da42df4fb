// Builds the object set one conformance test runs against: base/manifests.yaml plus the test's own
// manifests (placeholders filled in the way the conformance Applier does it), a GatewayClass for
// them, and the Secrets and ConfigMaps the suite creates in Go code rather than YAML.
import { parseManifests } from '../../src/index.ts'
import type { KubeObject } from '../../src/types/meta.ts'
import { APP_BACKEND, type ConformanceCase, INFRA, WEB_BACKEND } from './model.ts'
import { readModuleFile } from './module.ts'

export const GATEWAY_CLASS_NAME = 'gatemap-conformance'
export const CONTROLLER_NAME = 'gatemap.dev/conformance'

/**
 * Secrets the suite creates at setup (utils/suite/suite.go: MustCreateSelfSignedCertSecret,
 * MustCreateCASignedCertSecret, MustCreateCASignedClientCertSecret). Only their existence and type
 * matter to status; the key material is left out.
 */
const SUITE_SECRETS: [namespace: string, name: string][] = [
  [WEB_BACKEND, 'certificate'],
  [INFRA, 'tls-validity-checks-certificate'],
  [INFRA, 'tls-validity-checks-client-certificate'],
  [INFRA, 'tls-validity-checks-per-port-client-certificate'],
  [INFRA, 'tls-checks-certificate'],
  [INFRA, 'tls-checks-client-certificate'],
  [INFRA, 'tls-passthrough-checks-certificate'],
  [APP_BACKEND, 'tls-passthrough-checks-certificate'],
  [INFRA, 'tls-terminate-checks-certificate'],
]

/** CA bundles the suite creates at setup (MustCreateCACertConfigMap), key `ca.crt`. */
const SUITE_CONFIG_MAPS: [namespace: string, name: string][] = [
  [WEB_BACKEND, 'web-backend-cm'],
  [INFRA, 'tls-validity-checks-ca-certificate'],
  [INFRA, 'tls-validity-checks-per-port-ca-certificate'],
  [INFRA, 'tls-checks-ca-certificate'],
  [INFRA, 'mismatch-ca-certificate'],
]

function synthesized(): string {
  const docs: string[] = [
    [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: GatewayClass',
      'metadata:',
      `  name: ${GATEWAY_CLASS_NAME}`,
      'spec:',
      `  controllerName: ${CONTROLLER_NAME}`,
    ].join('\n'),
  ]
  for (const [namespace, name] of SUITE_SECRETS) {
    docs.push(
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        `  name: ${name}`,
        `  namespace: ${namespace}`,
        'type: kubernetes.io/tls',
      ].join('\n'),
    )
  }
  for (const [namespace, name] of SUITE_CONFIG_MAPS) {
    docs.push(
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`].join(
        '\n',
      ),
    )
  }
  return docs.join('\n---\n')
}

function fillPlaceholders(text: string): string {
  return text
    .replaceAll('{GATEWAY_CLASS_NAME}', GATEWAY_CLASS_NAME)
    .replaceAll('{GATEWAY_CONTROLLER_NAME}', CONTROLLER_NAME)
}

export interface CaseObjects {
  objects: KubeObject[]
  /** Loader problems (errors only; notes about kinds Gatemap ignores are dropped). */
  problems: string[]
}

const cache = new Map<string, CaseObjects>()

export function objectsFor(
  c: Pick<ConformanceCase, 'manifests' | 'extraYaml' | 'drop' | 'patch'>,
): CaseObjects {
  const key = JSON.stringify([c.manifests, c.extraYaml ?? '', c.drop ?? []])
  const hit = cache.get(key)
  if (hit && !c.patch) return structuredClone(hit)
  const objects: KubeObject[] = []
  const problems: string[] = []
  const sources: [file: string, text: string][] = [
    ['base/manifests.yaml', readModuleFile('base/manifests.yaml')],
    ...c.manifests.map((m): [string, string] => [m, readModuleFile(m)]),
    ['(synthesized by the runner)', synthesized()],
  ]
  if (c.extraYaml) sources.push(['(created by the Go test)', c.extraYaml])
  const dropped = (o: KubeObject) =>
    (c.drop ?? []).some(
      (d) =>
        d.kind === o.kind &&
        d.name === o.metadata.name &&
        (d.namespace ?? undefined) === o.metadata.namespace,
    )
  for (const [file, text] of sources) {
    const result = parseManifests(fillPlaceholders(text), file)
    for (const p of result.problems) {
      if (p.severity === 'error') problems.push(`${p.file}:${p.line}:${p.column} ${p.message}`)
    }
    for (const loaded of result.objects) if (!dropped(loaded.object)) objects.push(prepare(loaded.object))
  }
  const built = { objects, problems }
  if (c.patch) {
    c.patch(objects)
    return built
  }
  cache.set(key, built)
  return structuredClone(built)
}

/** What the conformance Applier does to every object before applying it (utils/kubernetes/apply.go). */
function prepare(object: KubeObject): KubeObject {
  if (object.kind === 'Gateway' && isRecord(object.spec)) object.spec.gatewayClassName = GATEWAY_CLASS_NAME
  if (object.kind === 'GatewayClass' && isRecord(object.spec)) object.spec.controllerName = CONTROLLER_NAME
  return object
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
