// Each CEL rule of the Gateway API CRDs passes its passing sample and catches its violating one.
import { describe, expect, test } from 'vitest'
import { validateObject } from '../../src/index.ts'
import { casesFor, crdOf, RULE_CASES, ruleSites } from './rule-table.ts'
import type { RuleCase } from './samples.ts'

const sites = ruleSites()
const texts = [...new Set(sites.map((s) => s.rule))]

function run(c: RuleCase, object: Record<string, unknown>) {
  const crd = crdOf(c)
  if (!crd) throw new Error(`no ${c.channel} CRD for ${String(c.pass.kind)}`)
  return validateObject(crd, object, {
    oldObject: c.old,
    subresource: c.status ? 'status' : undefined,
  })
}

describe('the rule table', () => {
  test('the CRDs have rules to cover', () => {
    expect(texts.length).toBeGreaterThan(90)
  })

  test('covers every rule of both channels with exactly one entry', () => {
    const uncovered = texts.filter((t) => casesFor(t).length !== 1)
    expect(uncovered).toEqual([])
  })

  test('has no entry that matches no rule', () => {
    const unused = RULE_CASES.filter((c) => !texts.some((t) => t.includes(c.rule))).map((c) => c.rule)
    expect(unused).toEqual([])
  })
})

describe.each(RULE_CASES.map((c) => [c.rule.slice(0, 70), c] as const))('%s', (_, c) => {
  const text = texts.find((t) => t.includes(c.rule)) ?? ''

  test('passing sample: no errors', () => {
    const result = run(c, c.pass)
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])
  })

  test('violating sample: caught where expected', () => {
    const errors = run(c, c.fail).findings.filter((f) => f.severity === 'error')
    if (c.shadowedBy) {
      // CEL never sees such a value: a blocking schema error comes first.
      expect(errors.map((f) => f.type)).toContain(c.shadowedBy)
      expect(errors.filter((f) => f.source === 'cel')).toEqual([])
      return
    }
    const hit = errors.find((f) => f.source === 'cel' && f.rule === text)
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined()
    expect(hit?.path).toEqual(c.at)
    // The rule said false; it did not stop on an evaluation error.
    expect(hit?.message).not.toMatch(/evaluating rule/)
    expect(
      errors.filter((f) => f.source !== 'cel' && f.type !== 'Duplicate' && f.type !== 'Invalid'),
    ).toEqual([])
  })
})
