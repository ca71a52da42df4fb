import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseServeArgs, sharedToken, UsageError } from '../src/cli/serve.ts'

describe('gatemap serve flags', () => {
  it('defaults to loopback, port 7480, the local token mode, writable', () => {
    expect(parseServeArgs([], {})).toEqual({
      host: '127.0.0.1',
      port: 7480,
      readOnly: false,
      firstFrames: true,
      allowedOrigins: [],
      inCluster: false,
      namespaces: [],
    })
  })

  it('--no-first-frames leaves each tab to draw its own first frame', () => {
    expect(parseServeArgs(['--no-first-frames'], {}).firstFrames).toBe(false)
  })

  describe('--namespace', () => {
    it('is repeatable and takes comma lists, in order and without repeats', () => {
      const args = ['--namespace', 'shop', '--namespace', 'infra, web,shop']
      expect(parseServeArgs(args, {}).namespaces).toEqual(['shop', 'infra', 'web'])
    })
    it.each([['Shop'], ['a_b'], [''], ['x'.repeat(64)]])('refuses %j, naming it', (name) => {
      expect(() => parseServeArgs(['--namespace', name], {})).toThrow(UsageError)
      expect(() => parseServeArgs(['--namespace', name], {})).toThrow(`--namespace ${JSON.stringify(name)}`)
    })
    it('is for clusters: a folder is read whole', () => {
      expect(() => parseServeArgs(['--manifests', 'm', '--namespace', 'shop'], {})).toThrow(/read whole/)
    })
  })

  describe('in a pod (service account, no kubeconfig)', () => {
    const pod = () => true
    it('defaults to bearer, so binding beyond loopback needs no --auth', () => {
      expect(parseServeArgs(['--host', '0.0.0.0'], {}, pod)).toMatchObject({
        auth: 'bearer',
        inCluster: true,
      })
    })
    it('an explicit --auth wins', () => {
      expect(parseServeArgs(['--auth', 'token'], {}, pod)).toMatchObject({ auth: 'token', inCluster: true })
    })
    it.each([[['--manifests', 'm']], [['--kubeconfig', 'k']], [['--context', 'c']]])(
      '%j is not in-cluster, and keeps the loopback rules',
      (args) => {
        expect(parseServeArgs(args, {}, pod)).toMatchObject({ inCluster: false })
        expect(parseServeArgs(args, {}, pod).auth).toBeUndefined()
        expect(() => parseServeArgs([...args, '--host', '0.0.0.0'], {}, pod)).toThrow(/needs --auth/)
      },
    )
  })

  it.each([
    [['--host', '0.0.0.0'], /needs --auth token/],
    [['--host', '10.1.2.3', '--auth', 'magic'], /--auth must be token or bearer/],
    [['--port', '70000'], /not a port/],
    [['--port', 'http'], /not a port/],
    [['--manifests', 'x', '--context', 'prod'], /pick one/],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseServeArgs(args as string[], {})).toThrow(UsageError)
    expect(() => parseServeArgs(args as string[], {})).toThrow(message)
  })

  it('beyond loopback with an auth mode is accepted', () => {
    expect(parseServeArgs(['--host', '0.0.0.0', '--auth', 'bearer'], {})).toMatchObject({ auth: 'bearer' })
  })

  it('takes the CRD folder from the flag, else from $GATEMAP_CRDS_DIR', () => {
    expect(parseServeArgs([], { GATEMAP_CRDS_DIR: '/crds' }).crds).toBe('/crds')
    expect(parseServeArgs(['--crds', '/mine'], { GATEMAP_CRDS_DIR: '/crds' }).crds).toBe('/mine')
  })

  it('takes the web app folder from the flag, else from $GATEMAP_WEB_DIR (set by the image)', () => {
    expect(parseServeArgs([], { GATEMAP_WEB_DIR: '/app/web/dist' }).web).toBe('/app/web/dist')
    expect(parseServeArgs(['--web', '/mine'], { GATEMAP_WEB_DIR: '/app/web/dist' }).web).toBe('/mine')
  })

  it('an unknown flag is an error', () => {
    expect(() => parseServeArgs(['--frobnicate'], {})).toThrow(/frobnicate/)
  })

  it('--event-log-bytes takes a size with a unit, and refuses one under 1Mi naming the flag', () => {
    expect(parseServeArgs(['--event-log-bytes', '128Mi'], {}).eventLogBytes).toBe(128 * 1024 ** 2)
    expect(parseServeArgs(['--event-log-bytes', '2097152'], {}).eventLogBytes).toBe(2 * 1024 ** 2)
    expect(parseServeArgs([], {}).eventLogBytes).toBeUndefined()
    for (const bad of ['10k', 'lots', '1.5Mi', '0']) {
      expect(() => parseServeArgs(['--event-log-bytes', bad], {})).toThrow(
        /--event-log-bytes .* is not a size of at least 1Mi/,
      )
    }
  })
})

describe('the shared token of --auth token', () => {
  it('is refused under 22 characters (128 bits as base64), saying where it came from', () => {
    expect(() => sharedToken({}, { GATEMAP_TOKEN: 'x' })).toThrow(
      'the token from $GATEMAP_TOKEN has 1 characters; --auth token needs at least 22 (128 bits as base64)',
    )
    expect(() => sharedToken({}, { GATEMAP_TOKEN: 'a'.repeat(21) })).toThrow(UsageError)
    expect(sharedToken({}, { GATEMAP_TOKEN: ` ${'a'.repeat(22)}\n` })).toBe('a'.repeat(22))
  })

  it('from a file too, and an empty or missing one is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatemap-token-'))
    const file = join(dir, 'token')
    await writeFile(file, 'short\n')
    expect(() => sharedToken({ tokenFile: file }, {})).toThrow(
      `the token from --token-file ${file} has 5 characters`,
    )
    await writeFile(file, '\n')
    expect(() => sharedToken({ tokenFile: file }, {})).toThrow(`--token-file ${file} is empty`)
    expect(() => sharedToken({}, {})).toThrow('--auth token needs --token-file FILE or $GATEMAP_TOKEN')
  })
})
