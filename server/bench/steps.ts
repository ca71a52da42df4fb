// The child processes of server/bench/realistic.ts. `parse DIR`: the floor, reading every file and
// parsing it with the `yaml` package, nothing else. `steps DIR`: in one process, that parse, then
// Gatemap's own read (positions kept), the admission checks (with $GATEMAP_CRDS_DIR: schema and CEL;
// the first run as analyze makes it, reusing equal values' CEL findings, then once evaluating every
// rule, then the reusing run again, warm), the analysis and its findings, each timed in CPU
// milliseconds; prints JSON.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyze, findings, inputProblems } from '@gatemap/shared'
import { parseAllDocuments } from 'yaml'
import { loadCrdFolder } from '../src/crds/bundled.ts'
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
  const crdsDir = process.env.GATEMAP_CRDS_DIR
  const crds = crdsDir ? loadCrdFolder(crdsDir).crds : []
  const crdFor = (group: string, kind: string) =>
    crds.find((c) => c.spec.group === group && c.spec.names.kind === kind)
  const [admission] = time(() => inputProblems(read.objects, crdFor))
  const [admissionFull] = time(() => inputProblems(read.objects, crdFor, { noCelMemo: true }))
  const [admissionWarm] = time(() => inputProblems(read.objects, crdFor))
  const [analysis, analyzer] = time(() =>
    analyze(
      read.objects.map((o) => o.object),
      // As `gatemap analyze` (text) runs it: the report reads every finding's checks.
      { assumeAbsentGatewayClasses: true, keepExplanations: true },
    ),
  )
  const [found] = time(() => findings(analyzer))
  process.stdout.write(
    JSON.stringify({
      yaml,
      read: readMs,
      admission,
      admissionFull,
      admissionWarm,
      analysis,
      findings: found,
    }),
  )
}
