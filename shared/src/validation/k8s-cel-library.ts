// The Kubernetes CEL extension functions that Gateway API validation rules call, and nothing more.
// Found by listing every call in every rule of the v1.6.1 CRDs (both channels): isIP() and
// format.dns1123Label().validate(); everything else they use (matches, startsWith, endsWith,
// contains, size, split, substring, duration, the all/exists/exists_one/filter macros) is standard
// CEL or the cel-go strings extension that @bufbuild/cel already provides.
import { CelScalar, celFunc, celMethod, listType } from '@bufbuild/cel'
import { isIPForCel } from './formats.ts'
import { dns1123LabelProblems } from './metadata.ts'

/**
 * A Kubernetes format object (`format.dns1123Label()`). CEL sees it as an opaque value; it is a
 * frozen JS object so `validate` can tell it from any other value.
 */
interface K8sFormat {
  readonly k8sFormat: string
  check(value: string): string[]
}

const FORMATS: Record<string, K8sFormat> = {
  dns1123Label: Object.freeze({ k8sFormat: 'dns1123Label', check: dns1123LabelProblems }),
}

function isFormat(value: unknown): value is K8sFormat {
  return typeof value === 'object' && value !== null && 'k8sFormat' in value
}

export const k8sCelFunctions = [
  // Kubernetes' isIP(): netip.ParseAddr without zones or IPv4-mapped IPv6 addresses.
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s) => isIPForCel(s)),
  ...Object.entries(FORMATS).map(([name, format]) =>
    // The result type is only declared for the planner; the value passes through untouched.
    celFunc(`format.${name}`, [], CelScalar.DYN, () => format as never),
  ),
  // Kubernetes returns optional<list<string>>: none when valid. @bufbuild/cel 0.6.1 has no optional
  // type, so the list itself stands in, empty when valid. The only use in Gateway API compares the
  // result with null; in cel-go an optional never equals null, and neither does a list here.
  celMethod('validate', CelScalar.DYN, [CelScalar.STRING], listType(CelScalar.STRING), function (value) {
    if (!isFormat(this)) throw new Error('no such overload: validate() needs a format.<name>() receiver')
    return this.check(value)
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
