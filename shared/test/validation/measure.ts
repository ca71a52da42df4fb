// Times validateObject on a typical HTTPRoute (run: node test/validation/measure.ts). Not a test:
// timings vary by machine, so nothing asserts them.
import { validateObject } from '../../src/index.ts'
import { exampleObjects } from './corpus.ts'
import { crdFor } from './crds.ts'

const routes = exampleObjects().filter((o) => o.object.kind === 'HTTPRoute' && !o.id.startsWith('broken/'))
const route = routes.reduce((a, b) =>
  JSON.stringify(b.object).length > JSON.stringify(a.object).length ? b : a,
)
const crd = crdFor(String(route.object.apiVersion), 'HTTPRoute')?.crd

let start = performance.now()
validateObject(crd, route.object)
const first = performance.now() - start

const runs = 2000
start = performance.now()
for (let i = 0; i < runs; i++) validateObject(crd, route.object)
const each = (performance.now() - start) / runs

console.log(`${route.id} (${JSON.stringify(route.object).length} bytes of JSON)`)
console.log(`first call (compiles the CRD's rules): ${first.toFixed(1)} ms`)
console.log(`after that: ${(each * 1000).toFixed(0)} µs per validation (mean of ${runs})`)
