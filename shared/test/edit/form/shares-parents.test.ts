// The percentage split shown next to weights, and the parentRef picker's matching and verdict text.
import { describe, expect, it } from 'vitest'
import {
  backendSplit,
  choiceText,
  choiceVerdict,
  formatShare,
  type ParentChoice,
  parentChoiceIndex,
  parentRefForChoice,
} from '../../../src/index.ts'

describe('backendSplit', () => {
  it.each<[string, { weight?: number }[], number[]]>([
    ['weights 1 and 3', [{ weight: 1 }, { weight: 3 }], [25, 75]],
    ['weight 0 gets nothing', [{ weight: 0 }, { weight: 2 }], [0, 100]],
    ['a single backend without weight', [{}], [100]],
    ['no weights: equal shares', [{}, {}], [50, 50]],
    ['thirds, one decimal', [{ weight: 1 }, { weight: 1 }, { weight: 1 }], [33.3, 33.3, 33.3]],
    ['all weights 0', [{ weight: 0 }, { weight: 0 }], [0, 0]],
    ['no backends', [], []],
  ])('%s', (_name, refs, expected) => {
    expect(backendSplit(refs)).toEqual(expected)
  })

  it('formats for people', () => {
    expect(backendSplit([{ weight: 1 }, { weight: 3 }]).map(formatShare)).toEqual(['25 %', '75 %'])
    expect(formatShare(12.5)).toBe('12.5 %')
  })
})

const G = 'gateway.networking.k8s.io'
const choices: ParentChoice[] = [
  {
    ref: { group: G, kind: 'Gateway', namespace: 'apps', name: 'edge' },
    label: 'Gateway apps/edge',
    accepted: true,
  },
  {
    ref: { group: G, kind: 'Gateway', namespace: 'infra', name: 'shared', sectionName: 'http' },
    label: 'Gateway infra/shared · listener http (HTTP 80)',
    accepted: false,
    reason: 'Namespace apps is not allowed by allowedRoutes (Same).',
  },
  {
    ref: { group: '', kind: 'Service', namespace: 'apps', name: 'mesh-svc' },
    label: 'Service apps/mesh-svc',
    accepted: undefined,
  },
]

describe('parentChoiceIndex', () => {
  it.each<[string, object, number]>([
    ['defaults filled in from the route namespace', { name: 'edge' }, 0],
    ['spelled out', { group: G, kind: 'Gateway', namespace: 'apps', name: 'edge' }, 0],
    ['sectionName must match', { name: 'shared', namespace: 'infra', sectionName: 'http' }, 1],
    ['a Service parent needs group ""', { group: '', kind: 'Service', name: 'mesh-svc' }, 2],
    [
      'Service without group is the Gateway API group, so no match',
      { kind: 'Service', name: 'mesh-svc' },
      -1,
    ],
    ['unknown parent', { name: 'nope' }, -1],
  ])('%s', (_name, ref, index) => {
    expect(parentChoiceIndex(ref, 'apps', choices)).toBe(index)
  })
})

describe('parentRefForChoice', () => {
  it('writes only what differs from the defaults', () => {
    expect(parentRefForChoice(undefined, choices[0]!, 'apps')).toEqual({ name: 'edge' })
    expect(parentRefForChoice(undefined, choices[2]!, 'apps')).toEqual({
      group: '',
      kind: 'Service',
      name: 'mesh-svc',
    })
  })

  it('keeps fields the current ref spells out, and its origin', () => {
    const current = { origin: 3, kind: 'Gateway', namespace: 'apps', name: 'x', port: 80 }
    expect(parentRefForChoice(current, choices[1]!, 'apps')).toEqual({
      origin: 3,
      kind: 'Gateway',
      namespace: 'infra',
      name: 'shared',
      sectionName: 'http',
    })
  })
})

describe('choice verdicts', () => {
  it('say it in words and a glyph, with the reason', () => {
    expect(choiceVerdict(choices[0]!)).toEqual({ glyph: '✓', word: 'accepts' })
    expect(choiceText(choices[1]!)).toBe(
      '✕ rejects — Gateway infra/shared · listener http (HTTP 80): Namespace apps is not allowed by allowedRoutes (Same).',
    )
    expect(choiceText(choices[2]!)).toBe('? unknown — Service apps/mesh-svc')
  })
})
