// Natural order for names people number: team-2 before team-10. Digit runs are padded so that a
// plain code-unit comparison (the same in every browser and locale) gives that order.
const DIGITS = /\d+/g

export const naturalKey = (text: string): string => text.replace(DIGITS, (run) => run.padStart(12, '0'))

export function naturalSort(items: Iterable<string>): string[] {
  return [...items]
    .map((item) => [naturalKey(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item)
}
