import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runHealthcheck } from '../src/cli/healthcheck.ts'

let status = 200
let server: Server
let port: number

beforeAll(async () => {
  server = createServer((request, response) => {
    response.statusCode = request.url === '/healthz' ? status : 404
    response.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('gatemap healthcheck', () => {
  it('exits 0 when /healthz answers 200', async () => {
    status = 200
    expect(await runHealthcheck(['--port', String(port)])).toEqual({
      code: 0,
      message: `http://127.0.0.1:${port}/healthz: 200`,
    })
  })

  it('exits 1 on any other answer, naming it', async () => {
    status = 503
    expect(await runHealthcheck(['--port', String(port)])).toMatchObject({
      code: 1,
      message: expect.stringMatching(/HTTP 503$/),
    })
  })

  it('exits 1 when nothing listens', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const free = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    expect(await runHealthcheck(['--port', String(free)])).toMatchObject({
      code: 1,
      message: expect.stringMatching(/ECONNREFUSED/),
    })
  })

  it.each([
    [['--port', 'x'], /--port x is not a port/],
    [['--timeout-ms', '0'], /not a duration/],
    [['--nope'], /nope/],
  ])('%j is a usage error', async (args, message) => {
    await expect(runHealthcheck(args)).rejects.toThrow(message)
  })
})
