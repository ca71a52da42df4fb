// Reads the Gateway API CRDs from a folder (the Gateway API module's config/crd/<channel>, fetched
// through the Go module proxy at install time and never copied into this repository).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { GATEWAY_GROUP } from '@gatemap/shared'
import { parseAllDocuments } from 'yaml'
import type { Crd } from './registry.ts'

function isCrd(value: unknown): value is Crd {
  const v = value as Partial<Crd> | null
  return (
    v?.kind === 'CustomResourceDefinition' &&
    typeof v.metadata?.name === 'string' &&
    Array.isArray(v.spec?.versions) &&
    typeof v.spec?.names?.kind === 'string'
  )
}

export function loadCrdFolder(dir: string): { crds: Crd[]; problems: string[] } {
  const crds: Crd[] = []
  const problems: string[] = []
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))
  } catch (error) {
    return { crds, problems: [`cannot read ${dir}: ${(error as Error).message}`] }
  }
  for (const file of files.sort()) {
    const where = path.join(dir, file)
    for (const doc of parseAllDocuments(readFileSync(where, 'utf8'))) {
      if (doc.errors.length > 0) {
        problems.push(`${where}: ${doc.errors[0]!.message}`)
        continue
      }
      const value: unknown = doc.toJS()
      if (isCrd(value) && value.spec.group === GATEWAY_GROUP) crds.push(value)
    }
  }
  if (crds.length === 0) problems.push(`${dir} holds no Gateway API CustomResourceDefinitions`)
  return { crds, problems }
}
