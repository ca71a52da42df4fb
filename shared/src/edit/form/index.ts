// Form models for the editors: route objects and Gateway listeners read into typed forms and written
// back onto the original object, keeping everything the form did not change.
export * from './listeners.ts'
export * from './lists.ts'
export * from './parents.ts'
export * from './route.ts'
export * from './route-features.ts'
export type * from './route-types.ts'
export { type Item, type Leaf, readShape, type Shape, sameValue, writeShape } from './shape.ts'
export * from './shares.ts'
