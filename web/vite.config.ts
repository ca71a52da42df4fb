// Vite builds the dashboard into web/dist, which `gatemap serve --web web/dist` serves. Workers are
// ES modules so the graph worker can import @gatemap/shared like any other module. Test settings
// live in vitest.config.ts, so that building needs only the web package's own dependencies.
//
// Development with hot reload against a running `gatemap serve` (which prints http://127.0.0.1:PORT/login?token=T):
//   GATEMAP_DEV_SERVER=http://127.0.0.1:PORT pnpm -C web dev, then open http://localhost:5173/login?token=T
// Vite then passes /api (the WebSocket /api/stream too), /login and /logout on to that server.
// The server refuses a Host it does not serve and any Origin but its own (against DNS rebinding and
// cross-site requests), so the proxy presents the server's own name: changeOrigin rewrites the Host,
// and the Origin of requests from the dev page itself is rewritten to the server's. Any other page's
// Origin is passed on unchanged, so the server still refuses it. Without GATEMAP_DEV_SERVER, no proxy.
import type { IncomingMessage } from 'node:http'
import react from '@vitejs/plugin-react'
import { defineConfig, type ProxyOptions } from 'vite'

const devServer = process.env.GATEMAP_DEV_SERVER?.replace(/\/+$/, '')

function proxyTo(target: string): ProxyOptions {
  const targetOrigin = new URL(target).origin
  /** Requests from the dev page carry the dev server's origin; only those get the target's. */
  const presentAsTarget = (
    proxyReq: { setHeader(name: string, value: string): unknown },
    req: IncomingMessage,
  ) => {
    const origin = req.headers.origin
    if (typeof origin !== 'string' || !req.headers.host) return
    let host: string
    try {
      host = new URL(origin).host
    } catch {
      return
    }
    if (host.toLowerCase() === req.headers.host.toLowerCase()) proxyReq.setHeader('origin', targetOrigin)
  }
  return {
    target,
    changeOrigin: true,
    ws: true,
    configure(proxy) {
      proxy.on('proxyReq', (proxyReq, req) => presentAsTarget(proxyReq, req))
      proxy.on('proxyReqWs', (proxyReq, req) => presentAsTarget(proxyReq, req))
    },
  }
}

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2023', sourcemap: true, chunkSizeWarningLimit: 4096 },
  // In dev, a `?worker` entry inside node_modules (monaco-yaml/yaml.worker.js) is served as is and so
  // are its imports, unless they are pre-bundled. All are ES modules except path-browserify
  // (CommonJS), which then throws "module is not defined": monaco-yaml's language service never
  // registers, and Monaco's bare editor worker fails every request for it. Pre-bundled, it is ESM.
  optimizeDeps: { include: ['monaco-yaml > path-browserify'] },
  ...(devServer
    ? {
        server: {
          proxy: { '/api': proxyTo(devServer), '/login': proxyTo(devServer), '/logout': proxyTo(devServer) },
        },
      }
    : {}),
})
