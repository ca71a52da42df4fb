// `gatemap healthcheck`: the container's HEALTHCHECK. The final image has no curl or wget, and node
// is already there, so the probe is part of the CLI: GET /healthz on this machine, exit 0 or 1.
import { parseArgs } from 'node:util'

export const HEALTHCHECK_USAGE = `  gatemap healthcheck [--port 7480] [--timeout-ms 2000]
      GET http://127.0.0.1:PORT/healthz; exit 0 when it answers 200, else 1 (the image's HEALTHCHECK).
`

export async function runHealthcheck(args: string[]): Promise<{ code: number; message: string }> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string', default: '7480' },
      'timeout-ms': { type: 'string', default: '2000' },
    },
  })
  const port = Number(values.port)
  const timeout = Number(values['timeout-ms'])
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port ${values.port} is not a port`)
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new Error(`--timeout-ms ${values['timeout-ms']} is not a duration`)
  const url = `http://127.0.0.1:${port}/healthz`
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeout) })
    if (response.ok) return { code: 0, message: `${url}: ${response.status}` }
    return { code: 1, message: `${url}: HTTP ${response.status}` }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    return { code: 1, message: `${url}: ${cause ?? (error as Error).message}` }
  }
}
