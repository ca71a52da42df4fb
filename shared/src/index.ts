export * from './analysis/analyzer.ts'
export type * from './analysis/backends.ts'
export * from './analysis/finding-diff.ts'
export * from './analysis/findings.ts'
export type * from './analysis/gateways.ts'
export * from './analysis/overlay.ts'
export type * from './analysis/parents.ts'
export * from './analysis/preview.ts'
export * from './analysis/readable.ts'
export type * from './analysis/routes.ts'
export type * from './analysis/verdicts.ts'
export * from './conditions.ts'
export * from './edit/index.ts'
export * from './hostnames.ts'
export * from './kinds.ts'
export * from './labels.ts'
export * from './loader/depth.ts'
export * from './loader/merge.ts'
export * from './loader/parse.ts'
export type * from './loader/types.ts'
export * from './policies/index.ts'
export * from './refs.ts'
export * from './route-kinds.ts'
export * from './routing/index.ts'
export * from './topology/graph.ts'
export type * from './types/core.ts'
export * from './types/gateway.ts'
export type * from './types/meta.ts'
export * from './validation/index.ts'
export * from './wire/mirror.ts'
export * from './wire/protocol.ts'
export * from './wire/rest.ts'
export {
  editObjectText,
  findSite,
  isEmptyManifest,
  newFileText,
  type ObjectSite,
  parseFile as parseYamlFile,
  removeAt,
  replaceAt,
  textAt,
  valueAt,
} from './yaml/edit.ts'
