// The child processes of server/bench/realistic.ts. `parse DIR`: the floor, reading every file and
// parsing it with the `yaml` package, nothing else. `steps DIR`: in one process, that parse, then
// Gatemap's own read (positions kept), the analysis and its findings, each timed in CPU milliseconds; prints JSON.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyze, findings } from '@gatemap/shared'
import { parseAllDocuments } from 'yaml'
import { readManifestPaths } from '../src/sources/files.ts'

const [mode, dir] = process.argv.slice(2)
if (!dir || (mode !== 'parse' && mode !== 'steps')) throw new Error('usage: steps.ts parse|steps DIR')

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  )
}

function yamlOnly(): number {
  let documents = 0
  for (const file of filesUnder(dir!)) {
    for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (document.toJS()) documents++
    }
  }
  return documents
}

if (mode === 'parse') {
  yamlOnly()
} else {
  // CPU time, not wall time: on a loaded machine the wall clock mostly measures the others.
  const cpuMs = () => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  }
  const time = <T>(fn: () => T): [number, T] => {
    const start = cpuMs()
    const result = fn()
    return [cpuMs() - start, result]
  }
  const [yaml] = time(yamlOnly)
  const start = cpuMs()
  const read = await readManifestPaths([dir])
  const readMs = cpuMs() - start
  const [analysis, analyzer] = time(() =>
    analyze(
      read.objects.map((o) => o.object),
      { assumeAbsentGatewayClasses: true },
    ),
  )
  const [found] = time(() => findings(analyzer))
  process.stdout.write(JSON.stringify({ yaml, read: readMs, analysis, findings: found }))
}
