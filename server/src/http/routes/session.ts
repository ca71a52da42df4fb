// Signing in. A token travels only in a POST body (the sign-in form, POST /api/login) or a header;
// the one exception is the link printed on loopback, whose token is exchanged at once for a session
// cookie and a redirect to a clean address. /api/session tells the web app who it is and hands it
// the CSRF token for writes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AuthMode } from '../auth.ts'
import { sendTokenError } from '../authenticate.ts'
import type { ServerContext } from '../context.ts'
import { HttpError } from '../errors.ts'
import type { Presented } from '../sign-in.ts'

const LoginBody = z.object({
  token: z
    .string()
    .min(1)
    .max(16 * 1024),
})

const FORM = 'application/x-www-form-urlencoded'

export function sessionRoutes(app: FastifyInstance, ctx: ServerContext) {
  const { auth, gate, source } = ctx

  /** A signed-in browser lands on the dashboard, with nothing secret in its address bar. */
  function signIn(reply: FastifyReply, presented: Extract<Presented, { ok: true }>) {
    auth.setCookie(reply, auth.createSession(presented.credentials, presented.identity))
    return reply.redirect('/', 303)
  }

  function refusedPage(reply: FastifyReply, presented: Extract<Presented, { ok: false }>) {
    if (presented.retryAfter) reply.header('retry-after', String(presented.retryAfter))
    return reply
      .code(presented.error.status)
      .type('text/html')
      .send(loginPage(auth.mode, presented.error.message))
  }

  app.get('/login', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token
    if (token === undefined) return reply.type('text/html').send(loginPage(auth.mode))
    if (auth.mode !== 'local' || typeof token !== 'string') {
      // Refused unread: the form posts, so a token here was typed or linked into an address.
      return reply
        .code(400)
        .type('text/html')
        .send(
          loginPage(
            auth.mode,
            'A token in the address is not accepted: it would stay in the browser history and in proxy logs. Paste it in the form instead.',
          ),
        )
    }
    const presented = await gate.present(request.ip, token)
    return presented.ok ? signIn(reply, presented) : refusedPage(reply, presented)
  })

  // The sign-in form posts here. Its own scope, so no other route accepts form bodies.
  void app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)))
    })
    scope.post('/login', async (request: FastifyRequest, reply) => {
      const body = LoginBody.safeParse(request.body)
      if (!body.success) {
        return reply.code(400).type('text/html').send(loginPage(auth.mode, 'Enter a token.'))
      }
      const presented = await gate.present(request.ip, body.data.token)
      return presented.ok ? signIn(reply, presented) : refusedPage(reply, presented)
    })
  })

  app.post('/api/login', async (request, reply) => {
    const body = LoginBody.safeParse(request.body)
    if (!body.success) throw new HttpError(400, 'BadRequest', 'send {"token": "…"}')
    const presented = await gate.present(request.ip, body.data.token)
    if (!presented.ok) return sendTokenError(reply, presented.error, presented.retryAfter)
    const session = auth.createSession(presented.credentials, presented.identity)
    auth.setCookie(reply, session)
    return {
      csrfToken: session.csrfToken,
      authMode: auth.mode,
      readOnly: ctx.readOnly,
      source: source.info,
      ...(presented.identity?.username ? { user: presented.identity.username } : {}),
    }
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
    ...(request.caller?.identity?.username ? { user: request.caller.identity.username } : {}),
  }))
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** What each auth mode asks for: the printed link's token, the operator's token, or one's own. */
const ASK: Record<AuthMode, { label: string; text: string }> = {
  local: {
    label: 'Access token',
    text: 'Open the sign-in link that <code>gatemap serve</code> printed when it started, or paste the access token from it (the part after <code>?token=</code>).',
  },
  token: {
    label: 'Access token',
    text: 'Paste the access token this server was started with (its operator set it with <code>--token-file</code> or <code>$GATEMAP_TOKEN</code>).',
  },
  bearer: {
    label: 'Kubernetes token',
    text: 'Sign in with your own Kubernetes token: a bearer token the cluster accepts, such as one from <code>kubectl create token SERVICE-ACCOUNT</code>. Kubernetes RBAC then decides what you may see and change.',
  },
}

export function loginPage(mode: AuthMode, message?: string): string {
  const ask = ASK[mode]
  const said = message ? `<p role="alert">${escapeHtml(message)}</p>` : ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatemap: sign in</title></head>
<body><main><h1>Gatemap</h1>${said}<p>${ask.text}</p>
<form method="post" action="/login"><label>${ask.label} <input name="token" type="password" autocomplete="off" required></label>
<button type="submit">Sign in</button></form></main></body></html>`
}
