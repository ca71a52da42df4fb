// What every route handler needs, built once by buildServer().
import type { AnalysisService } from '../analysis/service.ts'
import type { CrdRegistry } from '../crds/registry.ts'
import type { Source } from '../sources/source.ts'
import type { ResourceStore } from '../store/resource-store.ts'
import type { StreamHub } from '../stream/hub.ts'
import type { Auth, Caller } from './auth.ts'
import type { Metrics } from './metrics.ts'
import type { TokenGate } from './sign-in.ts'

export interface ServerContext {
  source: Source
  store: ResourceStore
  crds: CrdRegistry
  analysis: AnalysisService
  hub: StreamHub
  auth: Auth
  /** Where every presented token is checked and throttled. */
  gate: TokenGate
  metrics: Metrics
  readOnly: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every authenticated request. */
    caller?: Caller
  }
}
