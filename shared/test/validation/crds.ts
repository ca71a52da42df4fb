// The Gateway API v1.6.1 CRDs for tests, read from the Go module cache (module sigs.k8s.io/gateway-api,
// fetched through the Go module proxy by e2e/cluster/cluster.sh, never copied into this repository).
// The module directory is remembered in a file under the OS temp dir so later runs skip `go`.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { CrdLike } from '../../src/index.ts'
import { findCrd } from '../../src/index.ts'

export const GATEWAY_API_VERSION = 'v1.6.1'
export type Channel = 'standard' | 'experimental'
export const CHANNELS: readonly Channel[] = ['standard', 'experimental']

const clusterScript = join(import.meta.dirname, '../../../e2e/cluster/cluster.sh')
const cacheFile = join(tmpdir(), `gatemap-gateway-api-crds-${GATEWAY_API_VERSION}.dir`)

/** The folder holding `standard/` and `experimental/`. */
export function crdRoot(): string {
  if (existsSync(cacheFile)) {
    const cached = readFileSync(cacheFile, 'utf8').trim()
    if (cached !== '' && existsSync(join(cached, 'standard'))) return cached
  }
  const dir = execFileSync('bash', [clusterScript, 'crds', 'standard'], {
    encoding: 'utf8',
    env: { ...process.env, GATEMAP_GATEWAY_API_VERSION: GATEWAY_API_VERSION },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
  const root = join(dir, '..')
  writeFileSync(cacheFile, `${root}\n`)
  return root
}

const loaded = new Map<Channel, CrdLike[]>()

/** Every CustomResourceDefinition of a channel (the ValidatingAdmissionPolicy files are skipped). */
export function loadCrds(channel: Channel): CrdLike[] {
  let crds = loaded.get(channel)
  if (crds === undefined) {
    const dir = join(crdRoot(), channel)
    crds = []
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.yaml') || file === 'kustomization.yaml') continue
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
        const value = doc.toJS() as { kind?: string } | null
        if (value?.kind === 'CustomResourceDefinition') crds.push(value as unknown as CrdLike)
      }
    }
    loaded.set(channel, crds)
  }
  return crds
}

/** The CRD for an object: the standard channel's where the kind is there, else the experimental one. */
export function crdFor(apiVersion: string, kind: string): { crd: CrdLike; channel: Channel } | undefined {
  for (const channel of CHANNELS) {
    const crd = findCrd(loadCrds(channel), apiVersion, kind)
    if (crd?.spec.versions.some((v) => v.served && `${crd.spec.group}/${v.name}` === apiVersion)) {
      return { crd, channel }
    }
  }
  return undefined
}
