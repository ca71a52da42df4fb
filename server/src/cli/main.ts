#!/usr/bin/env node
// The `gatemap` command line.
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { EXIT_USAGE, runAnalyze } from './analyze.ts'

const USAGE = `Usage:
  gatemap analyze PATH... [--output text|json] [--namespace NS]
      Analyze manifest files or folders offline, as the dashboard would.
      Exit codes: 0 no problems, 1 problems found, 2 usage error or unreadable input.
  gatemap serve [--manifests DIR]
      Start the dashboard (until the server lands, prints the analysis of DIR, default examples/).
`

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
    const result = await runAnalyze(parsed)
    process.stderr.write(result.stderr)
    process.stdout.write(result.stdout)
    return result.code
  }
  if (command === 'serve') {
    const { values } = parseArgs({ args: rest, options: { manifests: { type: 'string' } }, strict: true })
    const dir = values.manifests ?? fileURLToPath(new URL('../../../examples', import.meta.url))
    process.stderr.write(
      `gatemap serve: the dashboard server is not built yet (it arrives with the server issue); printing the analysis of ${dir} instead.\n`,
    )
    const result = await runAnalyze({ paths: [dir], output: 'text' })
    process.stdout.write(result.stdout)
    return result.code === EXIT_USAGE ? EXIT_USAGE : 0
  }
  process.stderr.write(`gatemap: unknown command ${JSON.stringify(command)}\n\n${USAGE}`)
  return EXIT_USAGE
}

function parseAnalyzeArgs(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o', default: 'text' },
      namespace: { type: 'string', short: 'n' },
    },
  })
  if (positionals.length === 0) throw new Error('name at least one file or folder')
  if (values.output !== 'json' && values.output !== 'text') {
    throw new Error(`--output must be json or text, not ${JSON.stringify(values.output)}`)
  }
  return {
    paths: positionals,
    output: values.output,
    ...(values.namespace ? { namespace: values.namespace } : {}),
  } as const
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`gatemap: internal error: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = EXIT_USAGE
  },
)
