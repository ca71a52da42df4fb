// The worker's state: the stream's mirror, the incremental analysis fed from it, and everything
// derived for drawing (topology → view → layout). No I/O, so tests drive it with messages directly.
import {
  ALL_READABLE,
  Analyzer,
  applyMessage,
  buildTopology,
  createMirror,
  type FileState,
  type Finding,
  findings as findAll,
  invalidObjectFinding,
  type KubeObject,
  type Mirror,
  type ServerMessage,
  sameUnreadable,
  type Topology,
  type Unreadable,
  unreadableFrom,
} from '../../index.ts'
import type { LayoutMemory } from '../layout/columns.ts'
import { buildView, sameShape } from '../model/build-view.ts'
import { naturalSort } from '../model/natural.ts'
import type { TraceQuery } from '../model/trace-query.ts'
import type { ViewState } from '../model/view-types.ts'
import { markAwaitingController } from './awaiting.ts'
import { buildDetails } from './details.ts'
import type { Frame, ProblemCounts, ProblemRow } from './messages.ts'
import { layoutView } from './place.ts'
import { markPresentBackends } from './present.ts'
import { countRows, ProblemWindow, problemRows, type RowEntry } from './problem-rows.ts'
import { TraceRunner, traceInView } from './trace.ts'

const now = () => performance.now()

type FilterChoices = Pick<
  Frame,
  'namespaces' | 'gatewayKeys' | 'routeKinds' | 'policyKinds' | 'meshServiceKeys'
>

function filterChoices(topology: Topology): FilterChoices {
  const namespaces = new Set<string>()
  const gatewayKeys: string[] = []
  const meshServiceKeys: string[] = []
  const routeKinds = new Set<string>()
  const policyKinds = new Set<string>()
  for (const node of topology.nodes) {
    if (node.object.namespace) namespaces.add(node.object.namespace)
    if (node.role === 'Gateway') gatewayKeys.push(`${node.object.namespace ?? ''}/${node.object.name}`)
    if (node.role === 'ServiceParent' && node.object.kind === 'Service')
      meshServiceKeys.push(`${node.object.namespace ?? ''}/${node.object.name}`)
    if (node.role === 'Route') routeKinds.add(node.object.kind)
    if (node.role === 'Policy') policyKinds.add(node.object.kind)
  }
  return {
    namespaces: naturalSort(namespaces),
    gatewayKeys: naturalSort(gatewayKeys),
    meshServiceKeys: naturalSort(meshServiceKeys),
    routeKinds: [...routeKinds].sort(),
    policyKinds: [...policyKinds].sort(),
  }
}

/** What the folder source found the API server would refuse, as findings, worst first like the rest. */
function admissionFindings(files: Iterable<FileState>): Finding[] {
  const out: Finding[] = []
  for (const f of files) for (const o of f.invalid ?? []) out.push(invalidObjectFinding(o, f.file))
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
}

export class GraphPipeline {
  mirror: Mirror = createMirror()
  private analyzer = new Analyzer()
  private unreadable: Unreadable = ALL_READABLE
  /** Whether route findings and topology parts are kept per verdict, for the next change's frame. */
  private keepDerived = true
  /** The analysis and topology are recomputed only when objects changed since the last frame. */
  private dirty = true
  private topology: Topology = { nodes: [], edges: [] }
  private allFindings: Finding[] = []
  /** The problems panel's rows follow the findings, not the view: built once per change of objects. */
  private rows: RowEntry[] = []
  private rowCounts: ProblemCounts = { errors: 0, warnings: 0 }
  private problemWindow = new ProblemWindow()
  /**
   * How many problem rows a frame carries. The worker sets what the page asked for (PROBLEMS_PAGE,
   * then more per "Show more"); every row unless set, for tests and tools that read them all.
   */
  problemsShown = Number.POSITIVE_INFINITY
  private layoutMemory: LayoutMemory | undefined
  /** What the toolbar's filters offer; follows the topology, not the view. */
  private choices: FilterChoices = filterChoices(this.topology)
  /** Answers the page's trace; the worker tells it how to ask for a frame once the candidates are read. */
  readonly tracer = new TraceRunner()

  /**
   * A pipeline that draws what a mirror and an analysis of the same objects already hold: the
   * server's, which keeps its analysis live for the REST API, drawing a tab's first frame
   * (first-frame.ts). Nothing is applied to it afterwards.
   */
  static over(mirror: Mirror, analyzer: Analyzer): GraphPipeline {
    const pipeline = new GraphPipeline()
    pipeline.mirror = mirror
    pipeline.analyzer = analyzer
    // The analysis outlives this drawing: what it would keep per verdict for the next change (61 MB
    // at 10,000 routes) would stay with the server for nothing.
    pipeline.keepDerived = false
    pipeline.unreadable = pipeline.unreadableNow()
    return pipeline
  }

  /** The analysis as of the latest message, for the editors' checks (which put back what they change). */
  get analysis(): Analyzer {
    return this.analyzer
  }

  /** Applies one server message; 'gap' means the caller must resubscribe. */
  apply(message: ServerMessage): 'ok' | 'gap' {
    if (message.type === 'snapshot') {
      const result = applyMessage(this.mirror, message)
      this.rebuildAnalyzer()
      return result
    }
    const before = message.type === 'delta' ? this.mirror.seq : undefined
    const result = applyMessage(this.mirror, message)
    if (result !== 'ok') return result
    if (message.type === 'delta' && before !== undefined && this.mirror.seq > before) {
      const { object } = message
      if (message.op === 'deleted')
        this.analyzer.remove(object.kind, object.metadata.namespace, object.metadata.name)
      else this.analyzer.upsert(object as KubeObject)
      this.dirty = true
    }
    // A file's objects the API server would refuse are problems too (folder mode).
    if (message.type === 'file-state') this.dirty = true
    if (message.type === 'kind-state' && !sameUnreadable(this.unreadable, this.unreadableNow())) {
      this.rebuildAnalyzer()
    }
    return 'ok'
  }

  private unreadableNow(): Unreadable {
    // Kinds forbidden to this tab, and kinds it may list only in some namespaces (bearer mode).
    return unreadableFrom(this.mirror.kinds.values())
  }

  /** The analysis cannot switch what it may read in place; it is rebuilt from the mirror instead. */
  private rebuildAnalyzer() {
    this.unreadable = this.unreadableNow()
    this.analyzer = new Analyzer({
      unreadable: this.unreadable,
      // A folder holds what a repository holds: often routes without the platform's GatewayClass.
      assumeAbsentGatewayClasses: this.mirror.source?.mode === 'folder',
    })
    for (const entry of this.mirror.objects.values()) this.analyzer.upsert(entry.object as KubeObject)
    this.dirty = true
  }

  /** The rows a frame carries now: the first `problemsShown`, worst first. */
  shownProblems(): ProblemRow[] {
    return this.problemWindow.of(this.rows, this.problemsShown)
  }

  /** Everything the page draws for the current state of the mirror and the person's view. */
  frame(view: ViewState, trace?: TraceQuery): Frame {
    const t0 = now()
    let t1 = t0
    let t2 = t0
    let t3 = t0
    if (this.dirty) {
      this.analyzer.refresh()
      t1 = now()
      const keep = this.keepDerived
      const drawn = markPresentBackends(buildTopology(this.analyzer, { keep }), this.mirror)
      const before = this.topology
      this.topology =
        this.mirror.source?.mode === 'cluster' ? markAwaitingController(drawn, this.mirror) : drawn
      t2 = now()
      this.allFindings = [
        ...admissionFindings(this.mirror.files.values()),
        // The page shows a finding's checks from the object's details, never from the problem list.
        ...findAll(this.analyzer, { keep, explain: false }),
      ]
      this.rows = problemRows(this.allFindings)
      this.rowCounts = countRows(this.rows.map((r) => r.row))
      t3 = now()
      // The choices follow from the nodes' ids (role, kind, namespace, name): unchanged if they are.
      if (!sameShape(before, this.topology)) this.choices = filterChoices(this.topology)
      this.dirty = false
    }
    const graph = buildView(this.topology, this.allFindings, view, { keep: this.keepDerived })
    const traced = trace ? traceInView(this.tracer, this.analyzer, graph, trace) : undefined
    const t4 = now()
    const laidOut = layoutView(graph, this.layoutMemory)
    this.layoutMemory = laidOut.memory
    const t5 = now()
    const selected = view.selected ? this.topology.nodes.find((n) => n.id === view.selected) : undefined
    return {
      seq: this.mirror.seq,
      ...(this.mirror.source ? { source: this.mirror.source } : {}),
      nodes: laidOut.nodes,
      edges: graph.edges,
      total: graph.total,
      matching: graph.matching,
      width: laidOut.width,
      height: laidOut.height,
      problems: this.shownProblems(),
      problemCounts: this.rowCounts,
      kinds: [...this.mirror.kinds.values()],
      files: [...this.mirror.files.values()],
      ...this.choices,
      objects: this.mirror.objects.size,
      ...(selected ? { details: buildDetails(this.analyzer, this.mirror, selected, this.allFindings) } : {}),
      ...(traced ? { trace: traced } : {}),
      timings: { analysis: t1 - t0, topology: t2 - t1, findings: t3 - t2, view: t4 - t3, layout: t5 - t4 },
    }
  }
}
