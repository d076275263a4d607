import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver, type SerializableContext } from 'moddle-context-serializer';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool.ts';
import type { Clock } from '../clock.ts';
import type { DeployResource, Deployment, DeployedForm, DeployedProcess } from '../port.ts';
import { EngineInputError, EngineNotFoundError } from '../port.ts';
import { ClockTimerEventDefinition } from './clock-timers.ts';
import { GuardedExclusiveGateway, GuardedInclusiveGateway } from './guarded-gateways.ts';
import { ZeebeSequenceFlow } from './zeebe-sequence-flow.ts';
import { readZeebe } from './zeebe-extensions.ts';
import type { KeyAllocator } from './key-allocator.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** bpmn-elements' behaviours with our clock-driven timers, guarded gateways and Zeebe's flows. */
export const elementTypes = {
  ...Elements,
  SequenceFlow: ZeebeSequenceFlow,
  TimerEventDefinition: ClockTimerEventDefinition,
  ExclusiveGateway: GuardedExclusiveGateway,
  InclusiveGateway: GuardedInclusiveGateway,
};
const typeResolver = TypeResolver(elementTypes);

/** A call activity's target is resolved by our bridge, never inside one definitions file. */
export const CALL_BRIDGE = 'jingpin:call-activity-bridge';

interface Mapped {
  $type?: string;
  calledElement?: string;
  loopCharacteristics?: { behaviour: { collection?: string; elementVariable?: string; extensionElements?: unknown } };
  extensionElements?: unknown;
}

/** Serialise-time mapping of Zeebe's extension elements onto what bpmn-elements reads. */
function extendFn(mapped: Mapped): void {
  const loop = mapped.loopCharacteristics?.behaviour;
  if (loop) {
    const zeebe = readZeebe({ loopCharacteristics: { behaviour: loop as never } } as never);
    if (zeebe.inputCollection) {
      loop.collection = zeebe.inputCollection;
      loop.elementVariable = zeebe.inputElement ?? '__jingpinInputElement';
    }
  }
  if (mapped.$type === 'bpmn:CallActivity') mapped.calledElement = CALL_BRIDGE;
}

export interface ElementView {
  readonly id: string;
  readonly type: string;
  readonly name: string | undefined;
  readonly behaviour: Record<string, unknown>;
  readonly parentId: string | undefined;
}

/** One deployed version of one process, parsed and serialised once. */
export class ProcessModel {
  readonly #elements = new Map<string, ElementView>();
  #triggeredOnly: Set<string> | undefined;
  readonly #conditions = new Map<string, { flowId: string; expression: string }[]>();
  #runContext: SerializableContext | undefined;

  constructor(
    readonly definitionKey: string,
    readonly processId: string,
    readonly version: number,
    readonly resourceName: string,
    readonly sourceContext: SerializableContext,
  ) {
    const activities = (sourceContext as unknown as { getActivities(): ElementView[] }).getActivities();
    for (const activity of activities) {
      const parent = (activity as unknown as { parent?: { id?: string } }).parent;
      this.#elements.set(activity.id, {
        id: activity.id,
        type: activity.type,
        name: activity.name,
        behaviour: activity.behaviour ?? {},
        parentId: parent?.id,
      });
    }
  }
  /**
   * The context an engine runs on. bpmn-engine's getState() serialises the whole model into every
   * saved state, and we drop it (the deployment holds the model): this one answers that call with
   * nothing instead of spending a serialisation on each save.
   */
  get runContext(): SerializableContext {
    this.#runContext ??= Object.create(this.sourceContext, { serialize: { value: () => null } }) as SerializableContext;
    return this.#runContext;
  }


  /**
   * Boundary events and the events after an event-based gateway: bpmn-engine enters them while
   * they wait, Zeebe only when they are triggered, so the case history shows them from then on.
   */
  isTriggeredOnly(elementId: string): boolean {
    if (!this.#triggeredOnly) {
      const set = new Set<string>();
      for (const element of this.#elements.values()) if (element.type === 'bpmn:BoundaryEvent') set.add(element.id);
      const flows = (this.sourceContext as unknown as { getSequenceFlows(): { sourceId: string; targetId: string }[] }).getSequenceFlows();
      for (const flow of flows) if (this.#elements.get(flow.sourceId)?.type === 'bpmn:EventBasedGateway') set.add(flow.targetId);
      this.#triggeredOnly = set;
    }
    return this.#triggeredOnly.has(elementId);
  }

  /** The conditions on a gateway's outgoing flows, in model order. */
  outgoingConditions(elementId: string): { flowId: string; expression: string }[] {
    let conditions = this.#conditions.get(elementId);
    if (!conditions) {
      const flows = (this.sourceContext as unknown as {
        getSequenceFlows(): { id: string; sourceId: string; behaviour?: { conditionExpression?: { body?: string } } }[];
      }).getSequenceFlows();
      conditions = flows
        .filter((f) => f.sourceId === elementId && f.behaviour?.conditionExpression?.body)
        .map((f) => ({ flowId: f.id, expression: f.behaviour!.conditionExpression!.body! }));
      this.#conditions.set(elementId, conditions);
    }
    return conditions;
  }

  element(id: string): ElementView | undefined {
    return this.#elements.get(id);
  }

  /** A `bpmn:Message`, `bpmn:Error` or `bpmn:Escalation` by id, for its code or subscription. */
  rootElement(id: string): { behaviour: Record<string, unknown> } | undefined {
    return (this.sourceContext as unknown as { getActivityById(id: string): { behaviour: Record<string, unknown> } | undefined }).getActivityById(id);
  }

  /**
   * Whether a BPMN error thrown at `elementId` is caught by an error boundary on it or on an
   * enclosing sub-process (matching code, or no code at all). Zeebe raises an incident for an
   * uncaught error; bpmn-engine would fail the whole instance, so we decide before throwing.
   */
  catchesError(elementId: string, errorCode: string): boolean {
    for (let id: string | undefined = elementId; id; id = this.#elements.get(id)?.parentId) {
      for (const candidate of this.#elements.values()) {
        const b = candidate.behaviour as { attachedTo?: { id?: string }; eventDefinitions?: { type: string; behaviour?: { errorRef?: { id?: string } } }[] };
        if (candidate.type !== 'bpmn:BoundaryEvent' || b.attachedTo?.id !== id) continue;
        for (const definition of b.eventDefinitions ?? []) {
          if (definition.type !== 'bpmn:ErrorEventDefinition') continue;
          const ref = definition.behaviour?.errorRef?.id;
          if (!ref) return true;
          const code = this.rootElement(ref)?.behaviour.errorCode;
          if (code === undefined || String(code) === errorCode) return true;
        }
      }
    }
    return false;
  }
}

interface ModdleProcess {
  $type: string;
  id: string;
  isExecutable?: boolean;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses a BPMN file and serialises one context per executable process in it. */
export async function parseBpmn(resourceName: string, xml: string): Promise<Map<string, SerializableContext>> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let parsed: { rootElement: { rootElements?: ModdleProcess[] }; warnings?: { message: string }[] };
  try {
    parsed = (await moddle.fromXML(xml.trim())) as unknown as typeof parsed;
  } catch (error) {
    throw new EngineInputError(`模型无法解析 / cannot parse ${resourceName}: ${(error as Error).message}`);
  }
  const processes = (parsed.rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable);
  if (!executable.length) throw new EngineInputError(`模型中没有可执行流程 / ${resourceName} has no executable process`);
  const contexts = new Map<string, SerializableContext>();
  // One context per process, with the others marked not executable, so starting one process
  // of a multi-process file never starts its neighbours.
  for (const target of executable) {
    for (const p of executable) p.isExecutable = p === target;
    contexts.set(target.id, serializer(parsed as never, typeResolver, extendFn as never));
  }
  for (const p of executable) p.isExecutable = true;
  return contexts;
}

interface DefinitionRow {
  key: string;
  process_id: string;
  version: number;
  resource_name: string;
  checksum: string;
  xml: string;
}

interface VersionedTable {
  readonly name: string;
  readonly idColumn: string;
  readonly insert: string;
}

const PROCESS_VERSIONS: VersionedTable = {
  name: 'engine_process_definitions',
  idColumn: 'process_id',
  insert:
    'INSERT INTO engine_process_definitions (key, process_id, version, resource_name, checksum, xml, deployed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
};

const FORM_VERSIONS: VersionedTable = {
  name: 'engine_forms',
  idColumn: 'form_id',
  insert: 'INSERT INTO engine_forms (key, form_id, version, resource_name, checksum, schema, deployed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
};

/** Deployed models and forms: stored in PostgreSQL, parsed once per process and cached. */
export class ModelRepository {
  readonly #byKey = new Map<string, ProcessModel>();
  #formKeys = new Map<string, string>();
  #formKeysFresh = false;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly keys: KeyAllocator,
  ) {}

  async deploy(resources: readonly DeployResource[]): Promise<Deployment> {
    const processes: DeployedProcess[] = [];
    const forms: DeployedForm[] = [];
    const parsedBpmn = new Map<string, Map<string, SerializableContext>>();
    const parsedForms = new Map<string, { id: string; schema: unknown }>();
    // Parse everything before writing anything, so a bad file leaves nothing half-deployed.
    for (const resource of resources) {
      if (resource.name.endsWith('.bpmn')) parsedBpmn.set(resource.name, await parseBpmn(resource.name, resource.content));
      else if (resource.name.endsWith('.form')) parsedForms.set(resource.name, parseForm(resource));
      else throw new EngineInputError(`不支持的部署文件 / unsupported resource ${resource.name}: expected .bpmn or .form`);
    }
    await withTransaction(this.pool, async (client) => {
      // Two deployers of the same models must not both create version n+1.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('jingpin-engine-deploy'))");
      for (const resource of resources) {
        const checksum = sha256(resource.content);
        for (const [processId] of parsedBpmn.get(resource.name) ?? []) {
          const { key, version } = await this.#version(client, PROCESS_VERSIONS, processId, checksum, (key, version) => [
            key, processId, version, resource.name, checksum, resource.content, this.clock.now(),
          ]);
          processes.push({ processDefinitionKey: key, processDefinitionId: processId, version, resourceName: resource.name });
        }
        const form = parsedForms.get(resource.name);
        if (form) {
          const { key, version } = await this.#version(client, FORM_VERSIONS, form.id, checksum, (key, version) => [
            key, form.id, version, resource.name, checksum, JSON.stringify(form.schema), this.clock.now(),
          ]);
          forms.push({ formKey: key, formId: form.id, version });
        }
      }
    });
    if (forms.length) this.#formKeysFresh = false;
    return { processes, forms };
  }

  /**
   * Zeebe's versioning: a resource whose content is unchanged keeps its newest version; a
   * changed one becomes version n+1.
   */
  async #version(
    client: PoolClient,
    table: VersionedTable,
    id: string,
    checksum: string,
    row: (key: string, version: number) => unknown[],
  ): Promise<{ key: string; version: number }> {
    const latest = await client.query<{ key: string; version: number; checksum: string }>(
      `SELECT key::text, version, checksum FROM ${table.name} WHERE ${table.idColumn} = $1 ORDER BY version DESC LIMIT 1`,
      [id],
    );
    const last = latest.rows[0];
    if (last && last.checksum === checksum) return { key: last.key, version: last.version };
    await this.keys.ensure(1);
    const key = this.keys.next();
    const version = (last?.version ?? 0) + 1;
    await client.query(table.insert, row(key, version));
    return { key, version };
  }

  /** The key of the newest deployed version of a form, after {@link loadFormKeys}. */
  formKey(formId: string): string | undefined {
    return this.#formKeys.get(formId);
  }

  /**
   * Reads the newest form versions, so user tasks can be given their form key synchronously
   * inside a run. Cheap after the first call unless a deployment happened since.
   */
  async loadFormKeys(): Promise<void> {
    if (this.#formKeysFresh) return;
    const { rows } = await this.pool.query<{ form_id: string; key: string }>(
      'SELECT DISTINCT ON (form_id) form_id, key::text FROM engine_forms ORDER BY form_id, version DESC',
    );
    this.#formKeys = new Map(rows.map((r) => [r.form_id, r.key]));
    this.#formKeysFresh = true;
  }

  /** The newest version of a process, by its BPMN id. */
  async latest(processId: string): Promise<ProcessModel> {
    // The key only: every start asks, and the model (and its XML) is almost always cached already.
    const { rows } = await this.pool.query<{ key: string }>(
      'SELECT key::text FROM engine_process_definitions WHERE process_id = $1 ORDER BY version DESC LIMIT 1',
      [processId],
    );
    const row = rows[0];
    if (!row) throw new EngineNotFoundError(`流程未部署 / no process with id ${processId} is deployed`);
    return this.byKey(row.key);
  }

  async byKey(definitionKey: string): Promise<ProcessModel> {
    const cached = this.#byKey.get(definitionKey);
    if (cached) return cached;
    const { rows } = await this.pool.query<DefinitionRow>(
      'SELECT key::text, process_id, version, resource_name, checksum, xml FROM engine_process_definitions WHERE key = $1',
      [definitionKey],
    );
    const row = rows[0];
    if (!row) throw new EngineNotFoundError(`流程定义不存在 / no process definition with key ${definitionKey}`);
    return this.#model(row);
  }

  async #model(row: DefinitionRow): Promise<ProcessModel> {
    const cached = this.#byKey.get(row.key);
    if (cached) return cached;
    const context = (await parseBpmn(row.resource_name, row.xml)).get(row.process_id);
    if (!context) throw new EngineNotFoundError(`${row.resource_name} 中没有流程 / has no process ${row.process_id}`);
    const model = new ProcessModel(row.key, row.process_id, row.version, row.resource_name, context);
    this.#byKey.set(row.key, model);
    return model;
  }
}

function parseForm(resource: DeployResource): { id: string; schema: unknown } {
  let schema: { id?: unknown };
  try {
    schema = JSON.parse(resource.content) as { id?: unknown };
  } catch (error) {
    throw new EngineInputError(`表单不是合法 JSON / form ${resource.name} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof schema.id !== 'string' || !schema.id) {
    throw new EngineInputError(`表单缺少 id / form ${resource.name} has no "id" (the formId user tasks refer to)`);
  }
  return { id: schema.id, schema };
}
