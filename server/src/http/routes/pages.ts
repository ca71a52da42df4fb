// The web app's files. Until the web app is built, `/` says so instead of failing.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatemap</title></head>
<body><main><h1>Gatemap</h1><p>The server is running and you are signed in. The web app is not built
in this checkout; the API is at <code>/api/session</code>, the stream at <code>/api/stream</code>.</p></main></body></html>`

export function pageRoutes(app: FastifyInstance, webRoot: string | undefined) {
  const root = webRoot ? path.resolve(webRoot) : undefined
  async function serve(file: string | undefined) {
    if (!root || file === undefined) return undefined
    const resolved = path.resolve(root, `.${path.posix.normalize(`/${file}`)}`)
    if (!resolved.startsWith(root + path.sep)) return undefined
    try {
      return {
        body: await readFile(resolved),
        type: TYPES[path.extname(resolved)] ?? 'application/octet-stream',
      }
    } catch {
      return undefined
    }
  }
  app.get('/', async (_request, reply) => {
    const page = await serve('index.html')
    return page ? reply.type(page.type).send(page.body) : reply.type('text/html').send(PLACEHOLDER)
  })
  app.get('/assets/*', async (request, reply) => {
    const page = await serve(`assets/${(request.params as { '*': string })['*']}`)
    if (!page) return reply.callNotFound()
    // Vite names assets by content hash, so they may be cached for good.
    reply.header('cache-control', 'public, max-age=31536000, immutable')
    return reply.type(page.type).send(page.body)
  })
}
