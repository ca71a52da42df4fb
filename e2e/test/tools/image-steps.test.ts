// The reader behind scripts/image-steps.sh (which carries out the Dockerfile outside Docker): what it
// refuses, with the line, and what the real Dockerfile's final stage must be.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyArgs, envPairs, execForm, parseDockerfile } from '../../../scripts/image/dockerfile.ts'

const DOCKERFILE = path.join(import.meta.dirname, '../../../Dockerfile')

describe('parseDockerfile refuses what image-steps cannot carry out, naming the line', () => {
  it.each([
    ['FROM a\nVOLUME /data\n', /Dockerfile:2: VOLUME is not supported/],
    ['RUN true\n', /Dockerfile:1: RUN before the first FROM/],
    ['FROM ${MISSING}\n', /Dockerfile:1: ARG MISSING is not declared/],
    ['FROM a\n# image-only: why\nCOPY x y\n', /Dockerfile:3: an image-only comment must stand above a RUN/],
    ['FROM a b c\n', /Dockerfile:1: FROM needs an image/],
    ['# nothing\n', /no FROM/],
  ])('%j', (text, message) => {
    expect(() => parseDockerfile(text)).toThrow(message)
  })

  it('CMD in shell form, ENV without =, COPY with an unknown flag', () => {
    const { stages } = parseDockerfile('FROM a\nCMD serve --x\nENV A\nCOPY --chmod=644 a b\n')
    const [cmd, env, copy] = stages[0]?.instructions ?? []
    expect(() => execForm(cmd!)).toThrow(/Dockerfile:2: CMD must use the JSON array form/)
    expect(() => envPairs(env!)).toThrow(/Dockerfile:3: ENV takes NAME=VALUE/)
    expect(() => copyArgs(copy!)).toThrow(/Dockerfile:4: COPY flag --chmod=644 is not supported/)
  })

  it('reads continuation lines, ARGs in FROM, stage names and image-only reasons', () => {
    const { stages } = parseDockerfile(
      'ARG BASE=node:24\nFROM ${BASE} AS build\n# image-only: tools\nRUN a \\\n  && b\nFROM build\nCOPY --from=build /x /y\n',
    )
    expect(stages.map((s) => [s.base, s.name])).toEqual([
      ['node:24', 'build'],
      ['build', undefined],
    ])
    expect(stages[0]?.instructions[0]).toMatchObject({ line: 4, text: 'a && b', imageOnly: 'tools' })
    expect(copyArgs(stages[1]!.instructions[0]!)).toEqual({ from: 'build', sources: ['/x'], dest: '/y' })
  })
})

describe("the repository's Dockerfile", () => {
  const { stages } = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'), DOCKERFILE)
  const final = stages.at(-1)!
  const of = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword)

  it('is multi-stage, and its final stage starts from the plain Node image, not a build stage', () => {
    expect(stages.length).toBeGreaterThan(1)
    expect(stages.map((s) => s.name)).not.toContain(final.base)
  })

  it('runs nothing in the final stage but the image-only removal of build tools', () => {
    const runs = of('RUN')
    expect(runs).toHaveLength(1)
    expect(runs[0]?.imageOnly).toBeDefined()
    expect(runs[0]?.text).toMatch(/^rm -rf .*\/usr\/local\/bin\/npm/)
  })

  it('runs as a numeric non-root user, with a HEALTHCHECK and exec-form ENTRYPOINT and CMD', () => {
    const user = of('USER').at(-1)?.text ?? ''
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/)
    expect(of('HEALTHCHECK')).toHaveLength(1)
    expect(execForm(of('ENTRYPOINT')[0]!)).toEqual(['node', '/app/server/src/cli/main.ts'])
    expect(execForm(of('CMD')[0]!)[0]).toBe('serve')
  })
})
