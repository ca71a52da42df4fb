// Logging in: the printed URL (`/login?token=…`) or a form post exchanges a token for a session
// cookie; /api/session tells the web app who it is and hands it the CSRF token for writes.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../context.ts'
import { HttpError } from '../errors.ts'

const LoginBody = z.object({
  token: z
    .string()
    .min(1)
    .max(16 * 1024),
})

export function sessionRoutes(app: FastifyInstance, ctx: ServerContext) {
  const { auth, source } = ctx

  /** In bearer mode a token is only worth a session if the API server takes it. */
  async function checkBearer(token: string | undefined) {
    if (auth.mode !== 'bearer' || !source.visibility || token === undefined) return
    try {
      await source.visibility({ bearerToken: token })
    } catch (error) {
      throw new HttpError(
        401,
        'Unauthorized',
        `the API server did not accept this token: ${(error as Error).message}`,
      )
    }
  }

  app.get('/login', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token
    const credentials = typeof token === 'string' ? auth.exchange(token) : undefined
    if (!credentials) {
      return reply.code(401).type('text/html').send(loginPage('That link has no valid token.'))
    }
    await checkBearer(credentials.bearerToken)
    auth.setCookie(reply, auth.createSession(credentials))
    // The token leaves the address bar (and the history) at once.
    return reply.redirect('/', 303)
  })

  app.post('/api/login', async (request, reply) => {
    const body = LoginBody.safeParse(request.body)
    if (!body.success) throw new HttpError(400, 'BadRequest', 'send {"token": "…"}')
    const credentials = auth.exchange(body.data.token)
    if (!credentials) throw new HttpError(401, 'Unauthorized', 'wrong token')
    await checkBearer(credentials.bearerToken)
    const session = auth.createSession(credentials)
    auth.setCookie(reply, session)
    return { csrfToken: session.csrfToken, authMode: auth.mode, readOnly: ctx.readOnly, source: source.info }
  })

  app.post('/api/logout', async (request, reply) => {
    const session = auth.sessionOf(request)
    if (session) auth.endSession(session.id)
    reply.clearCookie('gatemap_session', { path: '/' })
    return { ok: true }
  })

  app.get('/api/session', async (request) => ({
    ...(request.caller?.csrfToken ? { csrfToken: request.caller.csrfToken } : {}),
    authMode: auth.mode,
    readOnly: ctx.readOnly,
    source: source.info,
  }))
}

export function loginPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatemap: sign in</title></head>
<body><main><h1>Gatemap</h1><p>${message}</p>
<p>Open the URL that <code>gatemap serve</code> printed, or paste the access token.</p>
<form method="get" action="/login"><label>Access token <input name="token" type="password" autocomplete="off"></label>
<button type="submit">Sign in</button></form></main></body></html>`
}
