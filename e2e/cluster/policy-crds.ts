// Envoy Gateway's policy CRDs, from its Go module through the Go module proxy (like the Gateway API
// CRDs in cluster.sh), at the release the differential check pins in tools/eg-oracle/go.mod. The
// module ships them as Helm templates: the `{{ ... }}` lines around each CRD are dropped.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const REPO = path.join(import.meta.dirname, '..', '..')
const MODULE = 'github.com/envoyproxy/gateway'
const GENERATED = 'charts/gateway-crds-helm/templates/generated'

export const ENVOY_GATEWAY_POLICY_CRDS = [
  'gateway.envoyproxy.io_backendtrafficpolicies.yaml',
  'gateway.envoyproxy.io_clienttrafficpolicies.yaml',
  'gateway.envoyproxy.io_securitypolicies.yaml',
  'gateway.envoyproxy.io_envoyextensionpolicies.yaml',
]

/** The Envoy Gateway release pinned for the differential check. */
export function envoyGatewayVersion(): string {
  const goMod = readFileSync(path.join(REPO, 'tools/eg-oracle/go.mod'), 'utf8')
  const version = goMod.match(/^\s*require\s+github\.com\/envoyproxy\/gateway\s+(v\S+)/m)?.[1]
  if (!version) throw new Error('tools/eg-oracle/go.mod does not require github.com/envoyproxy/gateway')
  return version
}

function goBinary(): string {
  if (process.env.GATEMAP_GO) return process.env.GATEMAP_GO
  try {
    return (
      execFileSync('bash', ['-c', 'command -v go'], { encoding: 'utf8' }).trim() || '/usr/local/go/bin/go'
    )
  } catch {
    return '/usr/local/go/bin/go'
  }
}

/** A folder holding the four policy CRDs as plain YAML (downloads the module once into the module cache). */
export function envoyGatewayPolicyCrds(): string {
  const version = envoyGatewayVersion()
  const info = execFileSync(goBinary(), ['mod', 'download', '-json', `${MODULE}@${version}`], {
    cwd: '/',
    encoding: 'utf8',
    env: { ...process.env, GO111MODULE: 'on', GOFLAGS: '-mod=mod' },
  })
  const dir = (JSON.parse(info) as { Dir?: string }).Dir
  if (!dir || !existsSync(path.join(dir, GENERATED))) {
    throw new Error(`${MODULE}@${version} has no ${GENERATED} folder`)
  }
  const out = mkdtempSync(path.join(tmpdir(), 'gatemap-eg-crds-'))
  for (const file of ENVOY_GATEWAY_POLICY_CRDS) {
    const text = readFileSync(path.join(dir, GENERATED, file), 'utf8')
    const plain = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('{{'))
      .join('\n')
    writeFileSync(path.join(out, file), plain)
  }
  return out
}
