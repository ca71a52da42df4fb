// Builds the Fastify server: hooks for Host/Origin checks, authentication, CSRF and security
// headers on every route, then the stream, REST, probe and page routes.
import cookie from '@fastify/cookie'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { AnalysisService } from '../analysis/service.ts'
import type { CrdRegistry } from '../crds/registry.ts'
import type { Source } from '../sources/source.ts'
import type { ResourceStore } from '../store/resource-store.ts'
import { FirstFrames } from '../stream/first-frame.ts'
import { type HubOptions, StreamHub } from '../stream/hub.ts'
import { type Auth, CSRF_HEADER, sameSecret } from './auth.ts'
import { authenticateRequest, sendTokenError } from './authenticate.ts'
import type { ServerContext } from './context.ts'
import { errorHandler, HttpError, sendError } from './errors.ts'
import { createMetrics } from './metrics.ts'
import { eventRoutes } from './routes/events.ts'
import { healthRoutes } from './routes/health.ts'
import { pageRoutes } from './routes/pages.ts'
import { readRoutes } from './routes/read.ts'
import { loginPage, sessionRoutes } from './routes/session.ts'
import { writeRoutes } from './routes/write.ts'
import { addSecurityHeaders, type OriginPolicy, refusedOrigin } from './security.ts'
import { TokenGate } from './sign-in.ts'
import { streamFilterFor } from './stream-filter.ts'

export interface ServerOptions {
  source: Source
  store: ResourceStore
  crds: CrdRegistry
  auth: Auth
  origins: OriginPolicy
  readOnly?: boolean
  /** Largest request body accepted (default 1 MiB). */
  bodyLimit?: number
  hub?: HubOptions
  /**
   * Draw each new tab's first frame on the server (stream/first-frame.ts; default true). Costs the
   * server its analysis and a drawing's memory once a tab opens: at 10,000 routes some 220 MB of RSS.
   */
  firstFrames?: boolean
  /** The built web app (web/dist); without it `/` says how to build it. */
  webRoot?: string
  logger?: FastifyServerOptions['logger']
}

const PUBLIC = new Set(['/healthz', '/login', '/api/login'])
/** Answers everyone, but tells only a signed-in caller more than ready or not. */
const READY = '/readyz'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export async function buildServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // A query string or header cannot be used to exhaust memory either.
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
  })
  await app.register(cookie)
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } })

  const { source, store } = options
  // The analysis first: it follows the store's events before the hub sends them, so a tab's first
  // frame (drawn over it) is of the state the hub is at.
  const analysis = new AnalysisService(store, {
    assumeAbsentGatewayClasses: source.info.mode === 'folder',
  })
  const firstFrames =
    options.firstFrames === false ? undefined : new FirstFrames(store, analysis, source.info)
  const hub = new StreamHub(store, source.info, {
    ...(firstFrames ? { firstFrame: (request) => firstFrames.message(request) } : {}),
    ...options.hub,
  })
  const ctx: ServerContext = {
    source,
    store,
    crds: options.crds,
    analysis,
    hub,
    auth: options.auth,
    gate: new TokenGate(options.auth, source),
    metrics: createMetrics({ hub, analysis, source }),
    readOnly: options.readOnly ?? source.info.readOnly,
  }
  app.addHook('onClose', async () => {
    hub.close()
    analysis.close()
  })

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new HttpError(404, 'NotFound', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  )
  app.addHook('onSend', addSecurityHeaders)

  app.addHook('onRequest', async (request, reply) => {
    const refused = refusedOrigin(request, options.origins)
    if (refused) return sendError(reply, new HttpError(403, 'Forbidden', refused))
    const path = request.url.split('?')[0] ?? ''
    if (PUBLIC.has(path)) return
    const found = await authenticateRequest(request, options.auth, ctx.gate)
    if ('caller' in found) request.caller = found.caller
    if (path === READY) return
    if ('error' in found) return sendTokenError(reply, found.error, found.retryAfter)
    const caller = request.caller
    if (!caller) {
      if (path === '/' && request.method === 'GET') {
        return reply
          .code(401)
          .type('text/html')
          .send(loginPage(options.auth.mode, 'Sign in to see the dashboard.'))
      }
      return sendError(reply, new HttpError(401, 'Unauthorized', 'sign in first: open /login'))
    }
    if (!SAFE_METHODS.has(request.method) && caller.csrfToken) {
      const presented = request.headers[CSRF_HEADER]
      if (typeof presented !== 'string' || !sameSecret(presented, caller.csrfToken)) {
        return sendError(reply, new HttpError(403, 'Forbidden', `missing or wrong ${CSRF_HEADER} header`))
      }
    }
  })

  app.get('/api/stream', { websocket: true }, (socket, request) => {
    hub.accept(socket, streamFilterFor(ctx, request.caller?.credentials))
  })

  sessionRoutes(app, ctx)
  readRoutes(app, ctx)
  eventRoutes(app, ctx)
  writeRoutes(app, ctx)
  healthRoutes(app, ctx)
  pageRoutes(app, options.webRoot)
  return { app, ctx }
}
