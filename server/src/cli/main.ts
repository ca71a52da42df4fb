#!/usr/bin/env node
// The `gatemap` command line.
import { parseArgs } from 'node:util'
import { EXIT_USAGE, runAnalyze } from './analyze.ts'
import { HEALTHCHECK_USAGE, runHealthcheck } from './healthcheck.ts'
import { quietOnClosedPipe } from './os-errors.ts'

const USAGE = `Usage:
  gatemap analyze PATH... [--output text|json] [--namespace NS] [--crds DIR] [--no-assume-gatewayclass]
      Analyze manifest files or folders offline, as the dashboard would, after the checks the API
      server would make (names; with --crds or $GATEMAP_CRDS_DIR, each CRD's schema and CEL rules).
      A GatewayClass that Gateways name but the inputs lack is assumed to exist and be accepted
      (said once as a note); --no-assume-gatewayclass leaves them Pending instead.
      Exit codes: 0 no problems, 1 problems found, 2 usage error or unreadable input.
  gatemap analyze PATH... --context NAME | --kubeconfig FILE [--fail-on introduced] [--timeout 30]
      Lay the files over that cluster (read only; a file's object replaces the cluster's of the same
      kind, namespace and name) and list the problems the change introduces, fixes and leaves.
      --fail-on introduced: exit 1 only when the change introduces an error. Exit 2 when the cluster
      cannot be reached within --timeout seconds or a kind fails to list.
  gatemap serve [--manifests DIR | --kubeconfig FILE --context NAME] [--host 127.0.0.1] [--port 7480]
                [--auth token|bearer] [--token-file FILE] [--read-only] [--allowed-origin URL]...
                [--crds DIR] [--web DIR] [--event-log-bytes 64Mi] [--namespace NS[,NS]]...
                [--no-first-frames]
      Start the dashboard. Without --manifests it uses the current kubeconfig context if that cluster
      answers, else the bundled examples, and says which. On 127.0.0.1 it prints a URL with a fresh
      access token; any other --host needs --auth token ($GATEMAP_TOKEN or --token-file) or --auth
      bearer (each person's own Kubernetes token; RBAC decides). A shared token has at least 22
      characters (128 bits). --read-only refuses every write. --event-log-bytes bounds the changes
      kept for reconnecting tabs (default 64Mi); a tab further behind gets a fresh snapshot.
      --namespace watches a cluster's namespaced kinds only in those namespaces (for rights that
      stop there). A port already in use exits 1 with one line. The server draws each new tab's
      first graph from its own analysis, so the page draws before its worker has the objects;
      --no-first-frames leaves that to the tab (at 10,000 routes it saves the server ~220 MB of RSS
      once a tab opens, and costs the tab ~2 s to its first graph).
      In a pod (its service account, no kubeconfig) --auth defaults to bearer.
      $GATEMAP_WEB_DIR and $GATEMAP_CRDS_DIR stand in for --web and --crds.
  gatemap trace ...  Where one request goes and why every other route lost (gatemap trace --help).
${HEALTHCHECK_USAGE}`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE)
    return command === undefined ? EXIT_USAGE : 0
  }
  if (command === 'analyze') {
    let parsed: ReturnType<typeof parseAnalyzeArgs>
    try {
      parsed = parseAnalyzeArgs(rest)
    } catch (error) {
      process.stderr.write(`gatemap analyze: ${(error as Error).message}\n\n${USAGE}`)
      return EXIT_USAGE
    }
    // The cluster source is loaded only when a cluster is asked for, so plain analyze starts quickly.
    const result =
      parsed.context !== undefined || parsed.kubeconfig !== undefined
        ? await (await import('./analyze-cluster.ts')).runAnalyzeCluster(parsed)
        : await runAnalyze(parsed)
    process.stderr.write(result.stderr)
    await writeOut(result.stdout)
    return result.code
  }
  if (command === 'trace') {
    // Loaded only for trace, so that analyze and serve never read the trace code.
    const { runTraceCommand, TRACE_USAGE } = await import('./trace.ts')
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`Usage:\n${TRACE_USAGE}`)
      return 0
    }
    const result = await runTraceCommand(rest)
    process.stderr.write(result.stderr)
    process.stdout.write(result.stdout)
    return result.code
  }
  if (command === 'serve') {
    // Loaded only for serve: the HTTP server, the cluster client and their dependencies are most of
    // what a start costs, and analyze needs none of them.
    const serve = await import('./serve.ts')
    try {
      return await serve.runServe(rest)
    } catch (error) {
      if (
        !(error instanceof serve.UsageError) &&
        (error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ) {
        throw error
      }
      process.stderr.write(`gatemap serve: ${(error as Error).message}\n\n${USAGE}`)
      return EXIT_USAGE
    }
  }
  if (command === 'healthcheck') {
    try {
      const { code, message } = await runHealthcheck(rest)
      process.stderr.write(`gatemap healthcheck: ${message}\n`)
      return code
    } catch (error) {
      process.stderr.write(`gatemap healthcheck: ${(error as Error).message}\n\n${USAGE}`)
      return EXIT_USAGE
    }
  }
  process.stderr.write(`gatemap: unknown command ${JSON.stringify(command)}\n\n${USAGE}`)
  return EXIT_USAGE
}

function parseAnalyzeArgs(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o', default: 'text' },
      namespace: { type: 'string', short: 'n' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      'fail-on': { type: 'string' },
      timeout: { type: 'string', default: '30' },
      crds: { type: 'string' },
      'no-assume-gatewayclass': { type: 'boolean', default: false },
    },
  })
  if (positionals.length === 0) throw new Error('name at least one file or folder')
  if (values.output !== 'json' && values.output !== 'text') {
    throw new Error(`--output must be json or text, not ${JSON.stringify(values.output)}`)
  }
  const failOn = values['fail-on'] ?? 'problems'
  if (failOn !== 'introduced' && failOn !== 'problems') {
    throw new Error(`--fail-on must be introduced or problems, not ${JSON.stringify(failOn)}`)
  }
  if (values['fail-on'] !== undefined && values.context === undefined && values.kubeconfig === undefined) {
    throw new Error('--fail-on compares the files with a cluster: give --context NAME or --kubeconfig FILE')
  }
  const timeout = Number(values.timeout)
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new Error(`--timeout must be a number of seconds, not ${JSON.stringify(values.timeout)}`)
  }
  const crds = values.crds ?? env.GATEMAP_CRDS_DIR
  return {
    paths: positionals,
    output: values.output,
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    ...(values.kubeconfig !== undefined ? { kubeconfig: values.kubeconfig } : {}),
    failOn,
    timeoutMs: timeout * 1000,
    ...(crds ? { crds } : {}),
    assumeGatewayClasses: !values['no-assume-gatewayclass'],
  } as const
}

quietOnClosedPipe(process.stdout)
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`gatemap: internal error: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = EXIT_USAGE
  },
)

/** Writes text or its pieces to stdout, waiting whenever the pipe is full so pieces never pile up. */
async function writeOut(text: string | Iterable<string>): Promise<void> {
  if (typeof text === 'string') {
    process.stdout.write(text)
    return
  }
  let batch = ''
  for (const piece of text) {
    batch += piece
    // Fewer, larger writes: one per piece would cost a system call per object.
    if (batch.length < 1 << 16) continue
    if (!process.stdout.write(batch)) await new Promise((resolve) => process.stdout.once('drain', resolve))
    batch = ''
  }
  if (batch) process.stdout.write(batch)
}
