// Every state has a glyph and a word as well as a colour, so that nothing is told by colour alone.
import type { EdgeRole, Health, NodeRole } from '@gatemap/shared'

export const HEALTH_GLYPH: Record<Health, { glyph: string; word: string }> = {
  ok: { glyph: '✓', word: 'OK' },
  warning: { glyph: '⚠', word: 'Warning' },
  error: { glyph: '✕', word: 'Problem' },
  pending: { glyph: '…', word: 'Pending' },
  missing: { glyph: '?', word: 'Not found' },
}

export const ROLE_LABEL: Record<NodeRole, string> = {
  GatewayClass: 'GatewayClass',
  Gateway: 'Gateway',
  ListenerSet: 'ListenerSet',
  Listener: 'Listener',
  ServiceParent: 'Service (mesh parent)',
  Route: 'Route',
  Backend: 'Backend',
  ReferenceGrant: 'ReferenceGrant',
  Policy: 'Policy',
}

export const EDGE_WORD: Partial<Record<EdgeRole, string>> = {
  rejected: '✕ rejected',
  grant: 'grant permits',
  policy: 'policy',
}
