// Server-side apply that owns only what was changed: FieldsV1, the shape of fields from the CRD, the
// applied configuration of an edit, and the removal of fields an apply alone cannot remove.
export { changesBetween, fieldsOf, pick } from './fields.ts'
export {
  FieldSet,
  FieldsV1Error,
  type ManagedFieldsEntry,
  parseFieldsV1,
  readManagedFields,
} from './fields-v1.ts'
export { type FieldPath as ApplyFieldPath, formatPath, type PathElement } from './paths.ts'
export {
  type ApplyPlan,
  type ApplyPlanInput,
  NEVER_SENT_ANNOTATIONS,
  NEVER_SENT_METADATA,
  planApply,
  type RemovedField,
  withoutServerFields,
} from './plan.ts'
export { type JsonPatchOperation, locate, removalPatch, withoutPaths } from './removal.ts'
export { objectShape, type Shape as FieldShape } from './shape.ts'
