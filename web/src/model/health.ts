// One ranking of health for everything that summarises several nodes or edges.
import type { Health } from '@gatemap/shared'

const RANK: Record<Health, number> = { ok: 0, pending: 1, warning: 2, missing: 3, error: 4 }

export const worse = (a: Health, b: Health): Health => (RANK[b] > RANK[a] ? b : a)
