// Loads bpmn-moddle (ESM-only, as are its dependencies) from this CommonJS code base.
// Import side only: the export writes XML itself and never needs it.
//
//  - plain Node ≥ 20.19 (and ts-node): `require()` of an ES module works natively;
//  - jest: its module registry cannot load ES modules without --experimental-vm-modules, so we
//    load through a genuine Node `Module` (bypassing jest's registry; Node's own require(esm) works);
//  - older Node: a real dynamic `import()`, hidden from the CommonJS transpiler.
import NodeModule from 'module';

/** The parts of a moddle element the import reads. Everything is optional: diagrams come from anywhere. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  documentation?: Array<{ text?: string; textFormat?: string }>;
  rootElements?: ModdleElement[];
  participants?: ModdleElement[];
  processRef?: ModdleElement;
  flowElements?: ModdleElement[];
  laneSets?: ModdleElement[];
  lanes?: ModdleElement[];
  childLaneSet?: ModdleElement;
  flowNodeRef?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  outgoing?: ModdleElement[];
  incoming?: ModdleElement[];
  attachedToRef?: ModdleElement;
  cancelActivity?: boolean;
  eventDefinitions?: ModdleElement[];
  timeDuration?: ModdleElement;
  timeDate?: ModdleElement;
  timeCycle?: ModdleElement;
  body?: string;
  language?: string;
  conditionExpression?: ModdleElement;
  default?: ModdleElement;
  triggeredByEvent?: boolean;
  diagrams?: ModdleElement[];
  plane?: ModdleElement;
  planeElement?: ModdleElement[];
  bpmnElement?: ModdleElement;
  [key: string]: unknown;
}

export interface FromXmlResult {
  rootElement: ModdleElement;
  warnings: Array<{ message: string }>;
  elementsById: Record<string, ModdleElement>;
}

export interface BpmnModdleInstance {
  fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
}

type Factory = (packages?: unknown, options?: unknown) => BpmnModdleInstance;
type ModuleShape = { BpmnModdle?: Factory; default?: Factory | { BpmnModdle?: Factory } };

let factory: Factory | undefined;

function pick(mod: ModuleShape): Factory {
  const f = mod.BpmnModdle ?? (typeof mod.default === 'function' ? mod.default : mod.default?.BpmnModdle);
  if (typeof f !== 'function') throw new Error('bpmn-moddle: no BpmnModdle export found');
  return f;
}

async function loadFactory(): Promise<Factory> {
  if (factory) return factory;
  const errors: string[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (factory = pick(require('bpmn-moddle')));
  } catch (err) {
    errors.push(String(err));
  }
  try {
    const Ctor = NodeModule as unknown as {
      new (id: string): NodeModule & { filename: string; paths: string[]; require(id: string): unknown };
      _nodeModulePaths(dir: string): string[];
    };
    const m = new Ctor(__filename);
    m.filename = __filename;
    m.paths = Ctor._nodeModulePaths(__dirname);
    return (factory = pick(m.require('bpmn-moddle') as ModuleShape));
  } catch (err) {
    errors.push(String(err));
  }
  try {
    const dynamicImport = new Function('s', 'return import(s)') as (s: string) => Promise<ModuleShape>;
    return (factory = pick(await dynamicImport('bpmn-moddle')));
  } catch (err) {
    errors.push(String(err));
  }
  throw new Error(`cannot load bpmn-moddle:\n  ${errors.join('\n  ')}`);
}

/** A fresh BpmnModdle instance (plain BPMN 2.0, no vendor extensions). */
export async function createBpmnModdle(): Promise<BpmnModdleInstance> {
  return (await loadFactory())();
}
