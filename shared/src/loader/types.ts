import type { KindInfo } from '../kinds.ts'
import type { PolicyKind } from '../policies/kinds.ts'
import type { KubeObject } from '../types/meta.ts'

/** 1-based line and column in a named file. */
export interface SourcePosition {
  file: string
  line: number
  column: number
}

/** A path from an object's root: `['spec', 'parentRefs', 0, 'name']`. */
export type FieldPath = readonly (string | number)[]

export interface LoadedObject {
  object: KubeObject
  /** Where the object starts (the document, or the item of a `kind: List`). */
  source: SourcePosition
  /** Position of a field; for a path that does not exist, the position of its deepest existing ancestor. */
  locate(path: FieldPath): SourcePosition
}

export interface LoadProblem extends SourcePosition {
  severity: 'error' | 'note'
  message: string
}

export interface LoadResult {
  objects: LoadedObject[]
  problems: LoadProblem[]
  /** Policy kinds defined by CRDs in the text (labelled `gateway.networking.k8s.io/policy`). */
  policyKinds?: PolicyKind[]
}

export interface LoadOptions {
  /** Namespace given to namespaced objects that name none (kubectl's `--namespace`). */
  defaultNamespace?: string
  /** Larger inputs are refused whole. */
  maxBytes?: number
  /** Alias expansions allowed per document before it is treated as a YAML bomb. */
  maxAliasCount?: number
  /** Deeper nesting is refused (a stack-exhaustion attack, not a manifest). */
  maxDepth?: number
  /** Kinds the inputs define themselves (policy CRDs they carry), beside the ones Gatemap knows. */
  kinds?: (group: string, kind: string) => KindInfo | undefined
}
