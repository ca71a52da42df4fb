// The CEL memo (findings of equal values at the same schema node reused across objects) gives exactly
// the findings of evaluating every rule on every object: on the examples, the conformance manifests
// and every rule's passing and violating sample, validated in one shared run as analyze does.
import { describe, expect, test } from 'vitest'
import { type ValidationFinding, validateObject } from '../../src/index.ts'
import { CelMemo } from '../../src/validation/cel.ts'
import { conformanceObjects, exampleObjects } from './corpus.ts'
import { crdFor } from './crds.ts'
import { crdOf, RULE_CASES } from './rule-table.ts'
import { crdWith } from './synthetic.ts'

interface Input {
  crd: unknown
  object: unknown
}

function corpusInputs(): Input[] {
  return [...exampleObjects(), ...conformanceObjects()].flatMap(({ object }) => {
    const hit = crdFor(String(object.apiVersion), String(object.kind))
    return hit ? [{ crd: hit.crd, object }] : []
  })
}

function ruleInputs(): Input[] {
  // Transition and status cases validate differently (old object, subresource); they are outside
  // the memo's reach and are left out here.
  return RULE_CASES.filter((c) => c.old === undefined && c.status === undefined).flatMap((c) => {
    const crd = crdOf(c)
    return crd ? [c.pass, c.fail, c.pass, c.fail].map((object) => ({ crd, object })) : []
  })
}

function findingsOf(inputs: Input[], celMemo?: CelMemo): ValidationFinding[][] {
  return inputs.map(({ crd, object }) => validateObject(crd, object, celMemo ? { celMemo } : {}).findings)
}

describe('CEL memo', () => {
  const inputs = [...corpusInputs(), ...ruleInputs()]

  test('gives the same findings as evaluating every rule', () => {
    const memo = new CelMemo()
    const fast = findingsOf(inputs, memo)
    const full = findingsOf(inputs)
    expect(fast).toEqual(full)
    // The comparison means something: values were reused, and CEL findings were among the results.
    expect(memo.hits).toBeGreaterThan(100)
    expect(full.flat().filter((f) => f.source === 'cel').length).toBeGreaterThan(50)
  })

  test("reports a reused finding at the rule's fieldPath below the node, for every object", () => {
    const crd = crdWith({
      type: 'object',
      properties: { inner: { type: 'object', properties: { a: { type: 'string' } } } },
      'x-kubernetes-validations': [{ rule: "self.inner.a != 'x'", fieldPath: '.inner.a', message: 'no x' }],
    })
    const widget = (name: string) => ({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name, namespace: 'n' },
      spec: { inner: { a: 'x' } },
    })
    const memo = new CelMemo()
    for (const name of ['one', 'two', 'three']) {
      const found = validateObject(crd, widget(name), { celMemo: memo }).findings
      expect(found).toEqual(validateObject(crd, widget(name)).findings)
      expect(found.map((f) => f.path)).toEqual([['spec', 'inner', 'a']])
    }
    expect(memo.hits).toBe(2)
  })

  test('is not used for transition rules (an old object is given)', () => {
    const memo = new CelMemo()
    const withOld = RULE_CASES.filter((c) => c.old !== undefined && c.status === undefined)
    expect(withOld.length).toBeGreaterThan(0)
    for (const c of withOld) {
      const crd = crdOf(c)
      const memoised = validateObject(crd, c.fail, { oldObject: c.old, celMemo: memo }).findings
      expect(memoised).toEqual(validateObject(crd, c.fail, { oldObject: c.old }).findings)
    }
    expect(memo.hits + memo.misses).toBe(0)
  })
})
