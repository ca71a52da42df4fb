// scripts/lint-dockerfile.sh (Docker's build checks without Docker, tools/dockerfile-lint) on its
// fixtures: every rule bad.Dockerfile breaks is named at its line, nothing else is, and
// good.Dockerfile is clean. Needs no cluster; it sits in the cluster project only because that
// project takes every test outside test/browser.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = path.resolve(import.meta.dirname, '../../..')
const script = path.join(repo, 'scripts/lint-dockerfile.sh')
const testdata = path.join(repo, 'tools/dockerfile-lint/testdata')
const bad = path.join(testdata, 'bad.Dockerfile')
const good = path.join(testdata, 'good.Dockerfile')
const scratch = mkdtempSync(path.join(tmpdir(), 'gatemap-dockerfile-lint-'))

function lint(...files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [script, ...files], { timeout: 600_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** A Dockerfile of the given lines in a folder of this test's own. */
function dockerfile(name: string, ...lines: string[]): string {
  const file = path.join(scratch, name)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

beforeAll(async () => {
  // The first run builds the linter (minutes on a cold Go cache); later runs only start it.
  const { code, stderr } = await lint(good)
  expect(code, stderr).toBe(0)
}, 600_000)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('bad.Dockerfile', () => {
  test('names each broken rule at its line, and nothing else', async () => {
    const { code, stdout } = await lint(bad)
    expect(code).toBe(1)
    const found = stdout
      .trimEnd()
      .split('\n')
      .map((line) => {
        const [, file, at, rule] = /^(.+):(\d+): ([A-Za-z]+): \S/.exec(line) ?? []
        expect(file, line).toBe(bad)
        return `${at} ${rule}`
      })
    expect(found).toEqual([
      '4 FromAsCasing',
      '4 UndefinedArgInFrom',
      '5 MaintainerDeprecated',
      '6 WorkdirRelativePath',
      '7 LegacyKeyValueFormat',
      '8 SecretsUsedInArgOrEnv',
      '9 UndefinedVar',
      '10 ConsistentInstructionCasing',
      '13 NoEmptyContinuation',
      '14 ExposeProtoCasing',
      '15 JSONArgsRecommended',
      '15 MultipleInstructionsDisallowed',
      '18 StageNameCasing',
      '18 RedundantTargetPlatform',
      '19 JSONArgsRecommended',
      '21 DuplicateStageName',
    ])
  })

  test('messages say what is wrong', async () => {
    const { stdout } = await lint(bad)
    expect(stdout).toContain(`${bad}:9: UndefinedVar: Usage of undefined variable '$TOOLS_HOME'`)
    expect(stdout).toContain(
      `${bad}:8: SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "NPM_TOKEN")`,
    )
  })
})

test('good.Dockerfile is clean (PATH counts as set by the base image)', async () => {
  expect(await lint(good)).toMatchObject({ code: 0, stdout: '' })
})

test('several files: findings of each, exit 1 if any has one', async () => {
  const { code, stdout } = await lint(good, bad)
  expect(code).toBe(1)
  expect(stdout).not.toContain(good)
  expect(stdout.split('\n')[0]).toMatch(new RegExp(`^${bad}:4: `))
})

test('a Dockerfile BuildKit cannot read is a BuildError finding at its line', async () => {
  const file = dockerfile('unknown.Dockerfile', 'FROM alpine', 'COPPY a b')
  const { code, stdout } = await lint(file)
  expect(code).toBe(1)
  expect(stdout).toMatch(new RegExp(`^${file}:2: BuildError: .*unknown instruction: COPPY`))
})

test('the # check=skip directive is honoured, as by docker build', async () => {
  const lines = ['FROM alpine', 'CMD echo hello']
  expect((await lint(dockerfile('cmd.Dockerfile', ...lines))).stdout).toContain('JSONArgsRecommended')
  const skipped = dockerfile('skipped.Dockerfile', '# check=skip=JSONArgsRecommended', ...lines)
  expect(await lint(skipped)).toMatchObject({ code: 0, stdout: '' })
})

test.each([
  ['no file', []],
  ['a missing file', ['/nonexistent/Dockerfile']],
  ['an option', ['--fix']],
])('usage error: %s exits 2', async (_, args) => {
  const { code, stdout, stderr } = await lint(...args)
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).not.toBe('')
})
