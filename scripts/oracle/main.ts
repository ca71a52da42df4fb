// The differential check: Gatemap's analysis against Envoy Gateway's translator on the same inputs.
// Run through scripts/oracle.sh, which builds the Envoy Gateway side first.
//
//   node scripts/oracle/main.ts --eg PATH [--only TEXT] [--verbose] [--dump FILE]
//
// --only TEXT   judge only the input sets whose name contains TEXT
// --verbose     list every accepted disagreement under its table row
// --dump FILE   also write both sides' statuses and every check as JSON to FILE
// Exit status: 0 agreement up to the table, 1 a disagreement the table does not cover (or a set
// Envoy Gateway could not answer for), 2 usage or setup error.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type Check, checksFor } from './checks.ts'
import { ACCEPTED_DIFFERENCES } from './differences.ts'
import { runEnvoy } from './envoy.ts'
import { gatemapStatuses } from './gatemap.ts'
import { conformanceSets, exampleSets, type InputSet, policySets } from './inputs.ts'
import { exitCode, type RunSummary, report } from './report.ts'
import { judge, tableProblems } from './table.ts'

const repo = path.resolve(import.meta.dirname, '../..')

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      eg: { type: 'string' },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      dump: { type: 'string' },
    },
  })
  if (!values.eg) {
    process.stderr.write(
      'usage: node scripts/oracle/main.ts --eg PATH [--only TEXT] [--verbose] [--dump FILE]\n',
    )
    return 2
  }
  const problems = tableProblems(ACCEPTED_DIFFERENCES)
  if (problems.length > 0) {
    process.stderr.write(`scripts/oracle/differences.ts: ${problems.join('; ')}\n`)
    return 2
  }
  const only = values.only
  const examples = await exampleSets(repo)
  const policies = await policySets(repo)
  const conformance = conformanceSets()
  const sets: InputSet[] = [...examples, ...policies, ...conformance].filter(
    (s) => !only || s.name.includes(only),
  )
  const answer = await runEnvoy(values.eg, sets)
  const byName = new Map(answer.sets.map((s) => [s.name, s]))
  const checks: Check[] = []
  const failedSets: RunSummary['failedSets'] = []
  const dump: unknown[] = []
  for (const set of sets) {
    const eg = byName.get(set.name)
    if (!eg || eg.error) {
      failedSets.push({ name: set.name, error: eg?.error ?? 'no answer' })
      continue
    }
    const gatemap = gatemapStatuses(set)
    const found = checksFor(set.name, gatemap, eg.objects)
    checks.push(...found)
    if (values.dump)
      dump.push({ name: set.name, gatemap, eg: eg.objects, notes: eg.notes ?? [], checks: found })
  }
  const outcome = judge(checks, ACCEPTED_DIFFERENCES)
  const run: RunSummary = {
    implementation: answer.implementation,
    inputs: {
      'example folders': examples.filter((s) => sets.includes(s)).length,
      'policy manifests': policies.filter((s) => sets.includes(s)).length,
      'conformance manifests': conformance.filter((s) => sets.includes(s)).length,
    },
    objects: sets.reduce((n, s) => n + s.objects.length, 0),
    failedSets,
  }
  if (values.dump) writeFileSync(values.dump, `${JSON.stringify(dump, null, 1)}\n`)
  process.stdout.write(report(run, outcome, values.verbose))
  return exitCode(run, outcome)
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`differential check: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
  },
)
