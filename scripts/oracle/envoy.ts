// Envoy Gateway's answer: runs the eg-oracle program (tools/eg-oracle, built by scripts/oracle.sh)
// once for all input sets and reads back the status its translator wrote.
import { spawn } from 'node:child_process'
import type { ObjectStatus } from './checks.ts'
import type { InputSet } from './inputs.ts'

export interface EnvoySet {
  name: string
  objects: ObjectStatus[]
  notes?: string[]
  error?: string
}

export interface EnvoyAnswer {
  implementation: string
  sets: EnvoySet[]
}

export function runEnvoy(binary: string, sets: readonly InputSet[]): Promise<EnvoyAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', (e) => reject(new Error(`cannot run ${binary}: ${e.message}`)))
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim()
      if (code !== 0) {
        reject(new Error(`${binary} exited with ${code}${stderr ? `: ${stderr}` : ''}`))
        return
      }
      try {
        resolve(parseAnswer(Buffer.concat(out).toString('utf8')))
      } catch (e) {
        reject(new Error(`${binary} printed something other than its answer: ${(e as Error).message}`))
      }
    })
    child.stdin.end(JSON.stringify({ sets: sets.map((s) => ({ name: s.name, objects: s.objects })) }))
  })
}

function parseAnswer(text: string): EnvoyAnswer {
  const value = JSON.parse(text) as Partial<EnvoyAnswer>
  if (typeof value.implementation !== 'string' || !Array.isArray(value.sets))
    throw new Error('expected {"implementation": ..., "sets": [...]}')
  return value as EnvoyAnswer
}
