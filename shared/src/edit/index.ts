// Editing Gateway API objects: form models, three-way merge for conflicts, JSON Schema for the
// YAML editor. Pure, like the rest of shared/.

export * from './apply/index.ts'
export * from './candidates.ts'
export * from './check.ts'
export * from './form/index.ts'
export * from './json-schema.ts'
export * from './merge.ts'
export * from './templates.ts'
