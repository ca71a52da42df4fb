import { describe, expect, it } from 'vitest'
import { naturalKey, naturalSort } from '../../../src/view/model/natural.ts'

describe('natural order', () => {
  it('puts team-2 before team-10 and keeps text order otherwise', () => {
    expect(naturalSort(['team-10', 'team-1', 'team-2', 'alpha', 'team-0'])).toEqual([
      'alpha',
      'team-0',
      'team-1',
      'team-2',
      'team-10',
    ])
    expect(naturalKey('a/b') < naturalKey('a/c')).toBe(true)
  })
})
