// The server's schema check: the shared validator (defaults, OpenAPI schema, metadata, CEL rules),
// with its findings reduced to what the REST API reports.
import { validateObject } from '@gatemap/shared'
import type { SchemaCheck } from '../http/validate.ts'

export const schemaCheck: SchemaCheck = (crd, object, oldObject) =>
  validateObject(crd, object, oldObject === undefined ? {} : { oldObject }).findings.map((f) => ({
    path: f.path,
    message: f.message,
    source: f.source === 'cel' ? 'cel' : 'schema',
    severity: f.severity,
  }))
