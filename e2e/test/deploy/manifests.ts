// deploy/ as kubectl's kustomize renders it, for the deploy and pod tests.
import path from 'node:path'
import { parseAllDocuments } from 'yaml'
import { type KubectlOptions, kubectl } from '../../cluster/kubectl.ts'

export const DEPLOY = path.join(import.meta.dirname, '../../../deploy')

export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string }
  [field: string]: unknown
}

export async function rendered(dir: string, options: KubectlOptions): Promise<Manifest[]> {
  const result = await kubectl(['kustomize', dir], options)
  if (result.code !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`)
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as Manifest)
}
