// Kubernetes LabelSelector semantics: matchLabels AND every matchExpression; `{}` selects
// everything, no selector selects nothing; NotIn and DoesNotExist match when the key is absent.
import { describe, expect, it } from 'vitest'
import { describeSelector, selectorMatches } from '../../src/labels.ts'
import type { LabelSelector } from '../../src/types/meta.ts'

const labels = { team: 'a', env: 'prod', tier: '' }

describe('selectorMatches', () => {
  it.each<[string, LabelSelector | undefined, Record<string, string>, boolean]>([
    ['undefined selector matches nothing', undefined, labels, false],
    ['undefined selector matches nothing, even no labels', undefined, {}, false],
    ['empty selector matches everything', {}, labels, true],
    ['empty selector matches no labels', {}, {}, true],
    [
      'empty matchLabels and matchExpressions match everything',
      { matchLabels: {}, matchExpressions: [] },
      labels,
      true,
    ],
    ['matchLabels equal', { matchLabels: { team: 'a' } }, labels, true],
    ['matchLabels all of several', { matchLabels: { team: 'a', env: 'prod' } }, labels, true],
    ['matchLabels one differs', { matchLabels: { team: 'a', env: 'dev' } }, labels, false],
    ['matchLabels key missing', { matchLabels: { owner: 'x' } }, labels, false],
    ['matchLabels value case matters', { matchLabels: { team: 'A' } }, labels, false],
    ['matchLabels empty value equals empty label', { matchLabels: { tier: '' } }, labels, true],
    ['matchLabels empty value does not match a missing key', { matchLabels: { owner: '' } }, labels, false],
    [
      'In with value',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] },
      labels,
      true,
    ],
    [
      'In without value',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] },
      labels,
      false,
    ],
    [
      'In with key missing',
      { matchExpressions: [{ key: 'owner', operator: 'In', values: ['x'] }] },
      labels,
      false,
    ],
    [
      'NotIn with other value',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
      labels,
      true,
    ],
    [
      'NotIn with listed value',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      labels,
      false,
    ],
    [
      'NotIn with key missing',
      { matchExpressions: [{ key: 'owner', operator: 'NotIn', values: ['x'] }] },
      labels,
      true,
    ],
    ['Exists with key', { matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels, true],
    [
      'Exists with empty-valued key',
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      labels,
      true,
    ],
    ['Exists without key', { matchExpressions: [{ key: 'owner', operator: 'Exists' }] }, labels, false],
    [
      'DoesNotExist without key',
      { matchExpressions: [{ key: 'owner', operator: 'DoesNotExist' }] },
      labels,
      true,
    ],
    [
      'DoesNotExist with key',
      { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] },
      labels,
      false,
    ],
    [
      'DoesNotExist with empty-valued key',
      { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
      labels,
      false,
    ],
    [
      'Exists on an inherited property name',
      { matchExpressions: [{ key: 'toString', operator: 'Exists' }] },
      {},
      false,
    ],
    [
      'In on an inherited property name',
      { matchExpressions: [{ key: 'constructor', operator: 'In', values: ['x'] }] },
      {},
      false,
    ],
    [
      'matchLabels AND expressions, all hold',
      {
        matchLabels: { team: 'a' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod'] },
          { key: 'owner', operator: 'DoesNotExist' },
        ],
      },
      labels,
      true,
    ],
    [
      'matchLabels holds, one expression fails',
      {
        matchLabels: { team: 'a' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod'] },
          { key: 'team', operator: 'NotIn', values: ['a'] },
        ],
      },
      labels,
      false,
    ],
    [
      'expressions hold, matchLabels fails',
      { matchLabels: { team: 'b' }, matchExpressions: [{ key: 'env', operator: 'Exists' }] },
      labels,
      false,
    ],
    [
      'two expressions on one key, both hold',
      {
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
        ],
      },
      labels,
      true,
    ],
  ])('%s', (_name, selector, input, expected) => {
    expect(selectorMatches(selector, input)).toBe(expected)
  })
})

describe('describeSelector', () => {
  it.each<[LabelSelector | undefined, string]>([
    [undefined, '(no selector)'],
    [{}, '(empty selector: matches everything)'],
    [{ matchLabels: {}, matchExpressions: [] }, '(empty selector: matches everything)'],
    [{ matchLabels: { team: 'a' } }, 'team=a'],
    [{ matchLabels: { team: 'a', env: 'prod' } }, 'team=a, env=prod'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, 'env in (prod,dev)'],
    [{ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, 'env notin (dev)'],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, 'team'],
    [{ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, '!team'],
    [
      { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      'team=a, env in (prod)',
    ],
  ])('%j -> %s', (selector, expected) => {
    expect(describeSelector(selector)).toBe(expected)
  })
})
