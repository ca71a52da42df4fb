// The input sets both sides judge: each folder of examples/, read by the loader `gatemap analyze`
// uses, and each manifest of the Gateway API conformance suite together with its base manifests
// and the objects the suite creates in Go code, prepared as shared/'s conformance suite prepares
// them. Both sides get exactly these objects.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { readManifestPaths } from '../../server/src/sources/files.ts'
import { mergeLoaded } from '../../shared/src/index.ts'
import type { KubeObject } from '../../shared/src/types/meta.ts'
import { CONFORMANCE_VERSION, conformanceDir } from '../../shared/test/conformance/module.ts'
import { objectsFor } from '../../shared/test/conformance/objects.ts'

export interface InputSet {
  /** `examples/<folder>` or `conformance <version> tests/<file>`. */
  name: string
  objects: KubeObject[]
}

export async function exampleSets(repo: string): Promise<InputSet[]> {
  const root = path.join(repo, 'examples')
  const folders = readdirSync(root)
    .filter((name) => statSync(path.join(root, name)).isDirectory())
    .sort()
  const sets: InputSet[] = []
  for (const folder of folders) {
    const read = await readManifestPaths([path.join(root, folder)])
    const errors = read.problems.filter((p) => p.severity === 'error')
    if (errors.length > 0) {
      const first = errors[0]
      throw new Error(`examples/${folder}: ${first?.file}:${first?.line}: ${first?.message}`)
    }
    const merged = mergeLoaded(read.objects)
    sets.push({ name: `examples/${folder}`, objects: merged.objects.map((o) => o.object) })
  }
  return sets
}

/**
 * Policy cases written for this check (scripts/oracle/policy-inputs/*.yaml, one set per file): the
 * conformance suite has no manifests for Envoy Gateway's policy kinds, so these hold the situations
 * its rules decide (levels, conflicts, missing targets and sections, ListenerSets, targetSelectors,
 * BackendTLSPolicy CA references), each a small world like a conformance manifest.
 */
export async function policySets(repo: string): Promise<InputSet[]> {
  const root = path.join(repo, 'scripts/oracle/policy-inputs')
  const files = readdirSync(root)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
  const sets: InputSet[] = []
  for (const file of files) {
    const read = await readManifestPaths([path.join(root, file)])
    const errors = read.problems.filter((p) => p.severity === 'error')
    if (errors.length > 0) {
      const first = errors[0]
      throw new Error(`scripts/oracle/policy-inputs/${file}:${first?.line}: ${first?.message}`)
    }
    const merged = mergeLoaded(read.objects)
    sets.push({ name: `policies/${file}`, objects: merged.objects.map((o) => o.object) })
  }
  return sets
}

export function conformanceSets(): InputSet[] {
  const tests = path.join(conformanceDir(), 'tests')
  return readdirSync(tests)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const manifest = `tests/${name}`
      const { objects, problems } = objectsFor({ manifests: [manifest] })
      if (problems.length > 0) throw new Error(`conformance ${manifest}: ${problems[0]}`)
      return { name: `conformance ${CONFORMANCE_VERSION} ${manifest}`, objects }
    })
}
