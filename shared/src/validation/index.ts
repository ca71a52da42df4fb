// Validation of a proposed object against its CustomResourceDefinition: defaults, schema, CEL.

export { type CelParseCache, setCelParseCache } from './cel-compile.ts'
export {
  type CrdVersionResult,
  type CrdVersionSchema,
  crdVersionSchema,
  findCrd,
} from './crd.ts'
export { applyDefaults } from './defaults.ts'
export {
  type CrdLookup,
  type InputProblem,
  inputFinding,
  inputProblems,
  invalidObject,
  invalidObjectFinding,
} from './inputs.ts'
export { type LocatedFinding, locateFindings } from './locate.ts'
export { dns1035LabelProblems, dns1123LabelProblems, nameProblems } from './metadata.ts'
export { formatFieldPath } from './path.ts'
export type * from './types.ts'
export { CEL_SKIPPED_MESSAGE, validateObject } from './validate.ts'
