// Compiles x-kubernetes-validations rules once. @bufbuild/cel has no type checker, so compiling here
// means parsing, planning and checking that every function called exists; Kubernetes functions that
// Gatemap lacks get a compile error naming them rather than failing when a rule happens to reach them.
import { type CelResult, celEnv, parse, plan } from '@bufbuild/cel'
import { strings } from '@bufbuild/cel/ext'
import { compilePattern } from './formats.ts'
import { k8sCelFunctions, UNIMPLEMENTED_K8S_FUNCTIONS } from './k8s-cel-library.ts'
import type { JsonSchema, ValidationRule } from './types.ts'

type Parsed = ReturnType<typeof parse>
type Expr = Parsed['expr']
export type CelProgram = (bindings: Record<string, unknown>) => CelResult

export interface CompiledRule {
  rule: ValidationRule
  program?: CelProgram
  messageProgram?: CelProgram
  /** Transition rules (they mention oldSelf) run only when an old object is given. */
  usesOldSelf: boolean
  /** Why the rule (or its messageExpression) cannot run. */
  error?: string
}

const env = celEnv({
  funcs: [...strings, ...k8sCelFunctions],
  // Cached JS regular expressions instead of the default RE2 port, which compiles on every call.
  re2: { compile: (pattern: string) => compilePattern(pattern) },
})

function isOperator(name: string): boolean {
  return /^[_@!-]/.test(name)
}

/** Function names an expression calls that the environment cannot run, with the reason. */
function missingFunctions(expr: Expr | undefined, bound: Set<string>, out: string[]): void {
  if (expr === undefined) return
  const kind = expr.exprKind
  switch (kind.case) {
    case 'callExpr': {
      const call = kind.value
      const target = call.target?.exprKind
      const qualified =
        target?.case === 'identExpr' && !bound.has(target.value.name)
          ? `${target.value.name}.${call.function}`
          : call.function
      if (!isOperator(call.function) && env.funcs.find(qualified) === undefined) {
        out.push(
          UNIMPLEMENTED_K8S_FUNCTIONS.has(qualified)
            ? `Kubernetes CEL function ${qualified}() is not implemented by Gatemap`
            : `unknown function ${qualified}()`,
        )
      }
      if (qualified === call.function) missingFunctions(call.target, bound, out)
      for (const arg of call.args) missingFunctions(arg, bound, out)
      return
    }
    case 'selectExpr':
      missingFunctions(kind.value.operand, bound, out)
      return
    case 'listExpr':
      for (const e of kind.value.elements) missingFunctions(e, bound, out)
      return
    case 'structExpr':
      for (const e of kind.value.entries) {
        if (e.keyKind.case === 'mapKey') missingFunctions(e.keyKind.value, bound, out)
        missingFunctions(e.value, bound, out)
      }
      return
    case 'comprehensionExpr': {
      const c = kind.value
      const inner = new Set([...bound, c.iterVar, c.iterVar2, c.accuVar].filter((v) => v !== ''))
      for (const e of [c.iterRange, c.accuInit]) missingFunctions(e, bound, out)
      for (const e of [c.loopCondition, c.loopStep, c.result]) missingFunctions(e, inner, out)
      return
    }
    default:
      return
  }
}

function mentions(expr: Expr | undefined, name: string): boolean {
  if (expr === undefined) return false
  const kind = expr.exprKind
  switch (kind.case) {
    case 'identExpr':
      return kind.value.name === name
    case 'callExpr':
      return mentions(kind.value.target, name) || kind.value.args.some((a) => mentions(a, name))
    case 'selectExpr':
      return mentions(kind.value.operand, name)
    case 'listExpr':
      return kind.value.elements.some((e) => mentions(e, name))
    case 'structExpr':
      return kind.value.entries.some(
        (e) => (e.keyKind.case === 'mapKey' && mentions(e.keyKind.value, name)) || mentions(e.value, name),
      )
    case 'comprehensionExpr': {
      const c = kind.value
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].some((e) => mentions(e, name))
    }
    default:
      return false
  }
}

/**
 * Parsed expressions a host keeps between runs (the CLI keeps them on disk, server/src/crds/
 * cel-parse-cache.ts): parsing a rule is most of compiling it, and cold, the parser took ~50 ms of a
 * one-route `gatemap analyze`. Only successful parses are offered; a syntax error is parsed again.
 */
export interface CelParseCache {
  get(text: string): Parsed | undefined
  set(text: string, parsed: Parsed): void
}

let parseCache: CelParseCache | undefined

/** Sets (or, with undefined, removes) the cache that compiling consults before parsing. */
export function setCelParseCache(cache: CelParseCache | undefined): void {
  parseCache = cache
}

function compileExpression(text: string): { program?: CelProgram; expr?: Expr; error?: string } {
  let parsed = parseCache?.get(text)
  if (parsed === undefined) {
    try {
      parsed = parse(text)
    } catch (e) {
      return { error: `syntax error: ${(e as Error).message}` }
    }
    parseCache?.set(text, parsed)
  }
  const missing: string[] = []
  missingFunctions(parsed.expr, new Set(['self', 'oldSelf']), missing)
  if (missing.length > 0) return { expr: parsed.expr, error: [...new Set(missing)].join('; ') }
  try {
    return { program: plan(env, parsed) as CelProgram, expr: parsed.expr }
  } catch (e) {
    return { expr: parsed.expr, error: (e as Error).message }
  }
}

// Rule texts repeat across CRDs, versions and schema nodes; the environment is the same for all.
const byText = new Map<string, ReturnType<typeof compileExpression>>()

function compileText(text: string): ReturnType<typeof compileExpression> {
  let compiled = byText.get(text)
  if (compiled === undefined) {
    compiled = compileExpression(text)
    byText.set(text, compiled)
  }
  return compiled
}

export function compileRule(rule: ValidationRule): CompiledRule {
  if (typeof rule?.rule !== 'string') return { rule, usesOldSelf: false, error: 'the rule has no rule text' }
  const main = compileText(rule.rule)
  const usesOldSelf = mentions(main.expr, 'oldSelf')
  if (main.error !== undefined) return { rule, usesOldSelf, error: `rule compile error: ${main.error}` }
  const compiled: CompiledRule = { rule, usesOldSelf, program: main.program }
  if (rule.messageExpression !== undefined) {
    const message = compileText(rule.messageExpression)
    if (message.error !== undefined) compiled.error = `messageExpression compile error: ${message.error}`
    else compiled.messageProgram = message.program
  }
  return compiled
}

// Keyed by the schema node itself, so each CRD version's rules compile once for as long as it lives.
const bySchema = new WeakMap<JsonSchema, CompiledRule[]>()

export function compiledRules(schema: JsonSchema): CompiledRule[] {
  let rules = bySchema.get(schema)
  if (rules === undefined) {
    const declared = schema['x-kubernetes-validations']
    rules = Array.isArray(declared) ? declared.map(compileRule) : []
    bySchema.set(schema, rules)
  }
  return rules
}
