// Condition polarity, staleness and how controller-written conditions compare with computed ones.
import { describe, expect, it } from 'vitest'
import { compareConditions, conditionHealth, isStale, makeCondition } from '../../src/conditions.ts'
import type { Condition, ConditionStatus } from '../../src/types/meta.ts'

describe('conditionHealth', () => {
  it.each<[string, ConditionStatus, string]>([
    ['Accepted', 'True', 'healthy'],
    ['Accepted', 'False', 'problem'],
    ['Accepted', 'Unknown', 'pending'],
    ['ResolvedRefs', 'True', 'healthy'],
    ['ResolvedRefs', 'False', 'problem'],
    ['Programmed', 'True', 'healthy'],
    ['Programmed', 'False', 'problem'],
    ['Programmed', 'Unknown', 'pending'],
    ['SupportedVersion', 'False', 'problem'],
    ['Conflicted', 'True', 'problem'],
    ['Conflicted', 'False', 'healthy'],
    ['Conflicted', 'Unknown', 'pending'],
    ['OverlappingTLSConfig', 'True', 'problem'],
    ['OverlappingTLSConfig', 'False', 'healthy'],
    ['PartiallyInvalid', 'True', 'problem'],
    ['PartiallyInvalid', 'False', 'healthy'],
    ['InsecureFrontendValidationMode', 'True', 'problem'],
    ['InsecureFrontendValidationMode', 'False', 'healthy'],
    ['InsecureFrontendValidationMode', 'Unknown', 'pending'],
  ])('%s=%s -> %s', (type, status, expected) => {
    expect(conditionHealth({ type, status })).toBe(expected)
  })
})

describe('isStale', () => {
  it.each<[number | undefined, number | undefined, boolean]>([
    [1, 2, true],
    [1, 5, true],
    [2, 2, false],
    [3, 2, false],
    [undefined, 2, false],
    [1, undefined, false],
    [undefined, undefined, false],
    [0, 1, true],
  ])('observedGeneration %s, generation %s -> %s', (observedGeneration, generation, expected) => {
    const condition = observedGeneration === undefined ? {} : { observedGeneration }
    expect(isStale(condition, generation)).toBe(expected)
  })
})

const c = (type: string, status: ConditionStatus, reason: string, message = '', gen?: number): Condition =>
  makeCondition(type, status, reason, message, gen)

describe('compareConditions', () => {
  it.each<
    [
      string,
      Condition[],
      Condition[],
      number | undefined,
      { type: string; verdict: string; stale: boolean }[],
    ]
  >([
    [
      'agree',
      [c('Accepted', 'True', 'Accepted')],
      [c('Accepted', 'True', 'Accepted', 'x', 2)],
      2,
      [{ type: 'Accepted', verdict: 'agree', stale: false }],
    ],
    [
      'messages never compared',
      [c('Accepted', 'False', 'NotAllowedByListeners', 'ours')],
      [c('Accepted', 'False', 'NotAllowedByListeners', 'a completely different message')],
      undefined,
      [{ type: 'Accepted', verdict: 'agree', stale: false }],
    ],
    [
      'disagree on status',
      [c('Accepted', 'True', 'Accepted')],
      [c('Accepted', 'False', 'Accepted')],
      undefined,
      [{ type: 'Accepted', verdict: 'disagree', stale: false }],
    ],
    [
      'disagree on reason',
      [c('Accepted', 'False', 'NoMatchingParent')],
      [c('Accepted', 'False', 'NotAllowedByListeners')],
      undefined,
      [{ type: 'Accepted', verdict: 'disagree', stale: false }],
    ],
    [
      'missing: the controller wrote nothing',
      [c('Accepted', 'True', 'Accepted'), c('ResolvedRefs', 'True', 'ResolvedRefs')],
      [],
      1,
      [
        { type: 'Accepted', verdict: 'missing', stale: false },
        { type: 'ResolvedRefs', verdict: 'missing', stale: false },
      ],
    ],
    [
      'extra: the controller wrote one we do not compute',
      [c('Accepted', 'True', 'Accepted')],
      [c('Accepted', 'True', 'Accepted'), c('example.io/Ready', 'True', 'Ready')],
      undefined,
      [
        { type: 'Accepted', verdict: 'agree', stale: false },
        { type: 'example.io/Ready', verdict: 'extra', stale: false },
      ],
    ],
    [
      'stale agreement',
      [c('Accepted', 'True', 'Accepted')],
      [c('Accepted', 'True', 'Accepted', '', 1)],
      2,
      [{ type: 'Accepted', verdict: 'agree', stale: true }],
    ],
    [
      'stale disagreement and stale extra',
      [c('Accepted', 'False', 'NoMatchingParent')],
      [c('Accepted', 'True', 'Accepted', '', 3), c('Programmed', 'True', 'Programmed', '', 3)],
      4,
      [
        { type: 'Accepted', verdict: 'disagree', stale: true },
        { type: 'Programmed', verdict: 'extra', stale: true },
      ],
    ],
    [
      'not stale when observedGeneration is current',
      [c('Accepted', 'True', 'Accepted')],
      [c('Accepted', 'False', 'Pending', '', 4)],
      4,
      [{ type: 'Accepted', verdict: 'disagree', stale: false }],
    ],
    ['nothing on either side', [], [], 1, []],
  ])('%s', (_name, computed, actual, generation, expected) => {
    const result = compareConditions(computed, actual, generation)
    expect(result.map(({ type, verdict, stale }) => ({ type, verdict, stale }))).toEqual(expected)
  })

  it.each([
    ['agree', [c('Accepted', 'True', 'Accepted', 'ours')], [c('Accepted', 'True', 'Accepted', 'theirs')]],
    ['disagree', [c('Accepted', 'True', 'Accepted', 'ours')], [c('Accepted', 'False', 'Pending', 'theirs')]],
  ])('%s carries both conditions', (_name, computed, actual) => {
    const [only] = compareConditions(computed, actual, undefined)
    expect(only?.computed).toEqual(computed[0])
    expect(only?.actual).toEqual(actual[0])
  })

  it.each([
    ['missing has no actual', [c('Accepted', 'True', 'Accepted')], [], 'actual'],
    ['extra has no computed', [], [c('Accepted', 'True', 'Accepted')], 'computed'],
  ] as const)('%s', (_name, computed, actual, absent) => {
    const [only] = compareConditions(computed, actual, undefined)
    expect(only).toBeDefined()
    expect(only?.[absent]).toBeUndefined()
  })
})
