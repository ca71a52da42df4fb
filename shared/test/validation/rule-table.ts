// Every CEL rule of the bundled CRDs (both channels), each matched with its table entry.
import type { JsonSchema } from '../../src/index.ts'
import { CHANNELS, type Channel, crdFor, loadCrds } from './crds.ts'
import { otherCases } from './rules-other.ts'
import { routeCases } from './rules-routes.ts'
import type { RuleCase } from './samples.ts'

export interface RuleSite {
  rule: string
  message?: string
  channel: Channel
  kind: string
  version: string
  /** `.spec.rules[].filters` */
  where: string
}

function walk(schema: JsonSchema, where: string, visit: (schema: JsonSchema, where: string) => void): void {
  visit(schema, where)
  for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, `${where}.${key}`, visit)
  if (schema.items) walk(schema.items, `${where}[]`, visit)
  if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}{}`, visit)
}

/** Every place a rule appears: channel, kind, served version and schema location. */
export function ruleSites(): RuleSite[] {
  const sites: RuleSite[] = []
  for (const channel of CHANNELS) {
    for (const crd of loadCrds(channel)) {
      for (const version of crd.spec.versions) {
        if (!version.served) continue
        const schema = version.schema?.openAPIV3Schema as JsonSchema
        walk(schema, '', (node, where) => {
          for (const r of node['x-kubernetes-validations'] ?? []) {
            sites.push({
              rule: r.rule,
              message: r.message,
              channel,
              kind: crd.spec.names.kind,
              version: version.name,
              where,
            })
          }
        })
      }
    }
  }
  return sites
}

export const RULE_CASES: RuleCase[] = [...routeCases(), ...otherCases()]

/** The entries whose fragment the rule text contains. */
export function casesFor(ruleText: string): RuleCase[] {
  return RULE_CASES.filter((c) => ruleText.includes(c.rule))
}

export function crdOf(c: RuleCase) {
  const apiVersion = c.pass.apiVersion as string
  const kind = c.pass.kind as string
  const hit = crdFor(apiVersion, kind)
  const crd = c.channel === 'standard' && hit?.channel === 'standard' ? hit.crd : undefined
  return crd ?? loadCrds(c.channel).find((d) => d.spec.names.kind === kind)
}
