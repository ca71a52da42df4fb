// `gatemap trace PATH... --gateway NS/NAME --request 'GET https://host/path'` (or --grpc, --tls,
// --tcp, --udp; --service NS/NAME for mesh; --context NAME against a live cluster, read only): where
// one request goes, by the spec's precedence, and why every other candidate lost. Loaded only when
// the command is `trace`, so `analyze` never reads this code.
import { parseArgs } from 'node:util'
import {
  analyze,
  grpcRequest,
  type Header,
  type KubeObject,
  mergeLoaded,
  parseHeader,
  parseHttpRequest,
  RequestError,
  streamRequest,
  type TraceRequest,
  type TraceResult,
  type TraceTarget,
  TraceTargetError,
  tlsRequest,
  traceRequest,
  unreadableFrom,
} from '@gatemap/shared'
import { readManifestPaths } from '../sources/files.ts'
import { EXIT_OK, EXIT_USAGE } from './analyze.ts'
import { traceJson, traceText } from './trace-report.ts'

export const TRACE_USAGE = `  gatemap trace PATH... --gateway NS/NAME --request 'GET https://shop.example.com:8443/api?x=1'
                [-H 'Name: value']... [--output text|json]
  gatemap trace PATH... --gateway NS/NAME --grpc HOST:PORT pkg.Service/Method [-H 'key: value']...
  gatemap trace PATH... --gateway NS/NAME --tcp HOST:PORT | --udp HOST:PORT | --tls SNI:PORT
  gatemap trace PATH... --service NS/NAME --request '...'      (mesh: a request to a Service)
  gatemap trace [PATH...] --context NAME | --kubeconfig FILE [--timeout 30] ...
      Where one request goes, by the Gateway API's precedence rules: the listener (port, protocol,
      then the most specific hostname), the route and rule that win among the Accepted ones, the
      filters' effect (redirect Location, rewrites, headers), the backends with their shares, and
      for every other candidate the step that made it lose. The URL's host is the Host header and
      the SNI, its port chooses the listener (80 for http, 443 for https); -H 'Host: h' replaces
      only the Host header. With --context the files are laid over that cluster (read only).
      Exit codes: 0 traced (whatever the outcome), 2 usage error or unreadable input.
`

class UsageError extends Error {}

interface TraceArgs {
  paths: string[]
  target: TraceTarget
  request: TraceRequest
  /** --tcp falls back to a UDP listener on the same port. */
  udpFallback?: TraceRequest
  output: 'text' | 'json'
  namespace?: string
  context?: string
  kubeconfig?: string
  timeoutMs: number
}

function target(kind: TraceTarget['kind'], text: string, namespace: string | undefined): TraceTarget {
  const parts = text.split('/')
  if (parts.length > 2 || parts.some((p) => p === '')) {
    throw new UsageError(`--${kind.toLowerCase()} ${JSON.stringify(text)}: expected NAMESPACE/NAME`)
  }
  return parts.length === 2
    ? { kind, namespace: parts[0]!, name: parts[1]! }
    : { kind, namespace: namespace ?? 'default', name: parts[0]! }
}

export function parseTraceArgs(args: string[]): TraceArgs {
  const { values, positionals, tokens } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: {
      gateway: { type: 'string' },
      service: { type: 'string' },
      request: { type: 'string' },
      grpc: { type: 'string' },
      tcp: { type: 'string' },
      udp: { type: 'string' },
      tls: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      output: { type: 'string', short: 'o', default: 'text' },
      namespace: { type: 'string', short: 'n' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      timeout: { type: 'string', default: '30' },
    },
  })
  if (values.output !== 'json' && values.output !== 'text') {
    throw new UsageError(`--output must be json or text, not ${JSON.stringify(values.output)}`)
  }
  if ((values.gateway === undefined) === (values.service === undefined)) {
    throw new UsageError(
      'name what the request goes to: --gateway NS/NAME or --service NS/NAME (one of them)',
    )
  }
  const forms = (['request', 'grpc', 'tcp', 'udp', 'tls'] as const).filter((f) => values[f] !== undefined)
  if (forms.length !== 1) {
    throw new UsageError('give one request: --request, --grpc, --tcp, --udp or --tls')
  }
  const headers: Header[] = (values.header ?? []).map(parseHeader)
  let paths = positionals
  let request: TraceRequest
  let udpFallback: TraceRequest | undefined
  switch (forms[0]) {
    case 'request':
      request = parseHttpRequest(values.request!, headers)
      break
    case 'grpc': {
      // The method is the word right after --grpc's value.
      const at = tokens.findIndex((t) => t.kind === 'option' && t.name === 'grpc')
      const next = tokens[at + 1]
      if (next?.kind !== 'positional')
        throw new UsageError('--grpc HOST:PORT must be followed by pkg.Service/Method')
      paths = positionals.filter((_, i) => i !== positionals.indexOf(next.value))
      request = grpcRequest(values.grpc!, next.value, headers)
      break
    }
    case 'tls':
      request = tlsRequest(values.tls!)
      break
    case 'tcp':
      request = streamRequest('tcp', values.tcp!)
      udpFallback = streamRequest('udp', values.tcp!)
      break
    default:
      request = streamRequest('udp', values.udp!)
  }
  if (paths.length === 0 && values.context === undefined && values.kubeconfig === undefined) {
    throw new UsageError(
      'name at least one file or folder, or a cluster with --context NAME or --kubeconfig FILE',
    )
  }
  const timeout = Number(values.timeout)
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new UsageError(`--timeout must be a number of seconds, not ${JSON.stringify(values.timeout)}`)
  }
  const t =
    values.gateway !== undefined
      ? target('Gateway', values.gateway, values.namespace)
      : target('Service', values.service!, values.namespace)
  return {
    paths,
    target: t,
    request,
    ...(udpFallback ? { udpFallback } : {}),
    output: values.output,
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
    timeoutMs: timeout * 1000,
  }
}

export interface CommandResult {
  stdout: string
  stderr: string
  code: number
}

/** Parses, reads, traces; returns what to print and the exit code (prints nothing itself). */
export async function runTraceCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  let parsed: TraceArgs
  try {
    parsed = parseTraceArgs(args)
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof RequestError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      return {
        stdout: '',
        stderr: `gatemap trace: ${(error as Error).message}\n\nUsage:\n${TRACE_USAGE}`,
        code: EXIT_USAGE,
      }
    }
    throw error
  }
  return runTrace(parsed, env)
}

async function runTrace(args: TraceArgs, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const read = await readManifestPaths(args.paths, args.namespace ? { defaultNamespace: args.namespace } : {})
  const merged = mergeLoaded(read.objects)
  const problems = [...read.problems, ...merged.problems]
  let stderr = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`).join('')
  if (read.unreadable.length > 0) return { stdout: '', stderr, code: EXIT_USAGE }
  let objects: KubeObject[] = merged.objects.map((o) => o.object)
  let options: Parameters<typeof analyze>[1] = { assumeAbsentGatewayClasses: true }
  if (args.context !== undefined || args.kubeconfig !== undefined) {
    const { ClusterReadError, readCluster } = await import('./cluster-read.ts')
    try {
      const cluster = await readCluster({
        ...(args.context ? { context: args.context } : {}),
        ...(args.kubeconfig ? { kubeconfig: args.kubeconfig } : {}),
        timeoutMs: args.timeoutMs,
        env,
      })
      // A file's object replaces the cluster's of the same kind, namespace and name.
      const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`
      const local = new Set(objects.map(key))
      objects = [...cluster.objects.filter((o) => !local.has(key(o))), ...objects]
      options = { unreadable: unreadableFrom(cluster.kinds) }
      const failing = cluster.kinds.filter((k) => k.state === 'failing' || k.state === 'forbidden')
      stderr += failing
        .map((k) => `note: ${k.kind} could not be listed (${k.state}); the trace does without it\n`)
        .join('')
    } catch (error) {
      if (!(error instanceof ClusterReadError)) throw error
      return { stdout: '', stderr: `${stderr}gatemap trace: ${error.message}\n`, code: EXIT_USAGE }
    }
  }
  const analyzer = analyze(objects, options)
  let result: TraceResult
  try {
    result = traceRequest(analyzer, args.target, args.request)
    if (!result.listener && args.udpFallback && args.target.kind === 'Gateway') {
      const udp = traceRequest(analyzer, args.target, args.udpFallback)
      if (udp.listener) result = udp
    }
  } catch (error) {
    if (!(error instanceof TraceTargetError)) throw error
    return { stdout: '', stderr: `${stderr}gatemap trace: ${error.message}\n`, code: EXIT_USAGE }
  }
  return {
    stdout: args.output === 'json' ? traceJson(result) : traceText(result),
    stderr,
    code: EXIT_OK,
  }
}
