import { describe, expect, it } from 'vitest'
import { mergeLoaded, parseManifests } from '../../src/index.ts'

const svc = (port: number) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\nspec: {ports: [{port: ${port}}]}\n`

describe('mergeLoaded', () => {
  it.each([
    { name: 'identical copies collapse silently', second: svc(80), objects: 1, problems: [] as string[] },
    {
      name: 'differing copies keep the first and name both places',
      second: svc(81),
      objects: 1,
      problems: ['b.yaml:1 Service a/s is also defined at a.yaml:1'],
    },
  ])('$name', ({ second, objects, problems }) => {
    const loaded = [...parseManifests(svc(80), 'a.yaml').objects, ...parseManifests(second, 'b.yaml').objects]
    const merged = mergeLoaded(loaded)
    expect(merged.objects).toHaveLength(objects)
    expect(merged.objects[0]?.source.file).toBe('a.yaml')
    expect(merged.problems.map((p) => `${p.file}:${p.line} ${p.message.split(' with ')[0]}`)).toEqual(
      problems,
    )
  })

  it('keeps objects that differ only in namespace or kind apart', () => {
    const text = `${svc(80)}---\n${svc(80).replace('namespace: a', 'namespace: b')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: a}\n`
    expect(mergeLoaded(parseManifests(text, 'x.yaml').objects).objects).toHaveLength(3)
  })
})
