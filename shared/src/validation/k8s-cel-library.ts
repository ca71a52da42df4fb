// The Kubernetes CEL extension functions that Gateway API validation rules call, and nothing more.
// Found by listing every call in every rule of the v1.6.1 CRDs (both channels): isIP() and
// format.dns1123Label().validate(); everything else they use (matches, startsWith, endsWith,
// contains, size, split, substring, duration, the all/exists/exists_one/filter macros) is standard
// CEL or the cel-go strings extension that @bufbuild/cel already provides.
import { CelScalar, celFunc, celMap, celMethod, isCelMap, listType } from '@bufbuild/cel'
import { isIPForCel } from './formats.ts'
import { dns1123LabelProblems } from './metadata.ts'

const FORMATS: Record<string, (value: string) => string[]> = {
  dns1123Label: dns1123LabelProblems,
}

/**
 * A Kubernetes format object (`format.dns1123Label()`) is opaque in CEL; here it is a map with one
 * key no CRD property can produce, so `validate` can tell it from any other value.
 */
const FORMAT_KEY = 'k8s.io/format'

function formatOf(value: unknown): ((value: string) => string[]) | undefined {
  if (!isCelMap(value)) return undefined
  const name = value.get(FORMAT_KEY)
  return typeof name === 'string' ? FORMATS[name] : undefined
}

export const k8sCelFunctions = [
  // Kubernetes' isIP(): netip.ParseAddr without zones or IPv4-mapped IPv6 addresses.
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s) => isIPForCel(s)),
  ...Object.keys(FORMATS).map((name) =>
    celFunc(`format.${name}`, [], CelScalar.DYN, () => celMap(new Map([[FORMAT_KEY, name]]))),
  ),
  // Kubernetes returns optional<list<string>>: none when valid. @bufbuild/cel 0.6.1 has no optional
  // type, so the list itself stands in, empty when valid. The only use in Gateway API compares the
  // result with null; in cel-go an optional never equals null, and neither does a list here.
  celMethod('validate', CelScalar.DYN, [CelScalar.STRING], listType(CelScalar.STRING), function (value) {
    const check = formatOf(this)
    if (check === undefined) throw new Error('no such overload: validate() needs a format.<name>() receiver')
    return check(value)
  }),
]

/**
 * Kubernetes CEL library functions Gatemap does not implement (no Gateway API rule uses them). A rule
 * calling one gets a compile error naming the function instead of failing at run time.
 */
export const UNIMPLEMENTED_K8S_FUNCTIONS = new Set([
  'ip',
  'cidr',
  'isCIDR',
  'url',
  'isURL',
  'quantity',
  'isQuantity',
  'semver',
  'isSemver',
  'isSorted',
  'sum',
  'min',
  'max',
  'indexOf',
  'lastIndexOf',
  'find',
  'findAll',
  'format.named',
  'format.dns1123Subdomain',
  'format.dns1035Label',
  'format.qualifiedName',
  'format.dns1123LabelPrefix',
  'format.dns1123SubdomainPrefix',
  'format.dns1035LabelPrefix',
  'format.labelValue',
  'format.uri',
  'format.uuid',
  'format.byte',
  'format.date',
  'format.datetime',
  'authorizer',
])
