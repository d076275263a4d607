/**
 * Reads the `zeebe:` extension elements of a serialised BPMN element. bpmn-engine parses them
 * (through zeebe-bpmn-moddle) but ignores them; everything Zeebe-specific is ours to apply.
 */
export interface Mapping {
  readonly source: string;
  readonly target: string;
}

export interface ZeebeElement {
  readonly taskType?: string;
  readonly retries?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  readonly isUserTask: boolean;
  readonly assignee?: string;
  readonly candidateGroups?: string;
  readonly candidateUsers?: string;
  readonly dueDate?: string;
  readonly followUpDate?: string;
  readonly formKey?: string;
  readonly formId?: string;
  readonly priority?: string;
  readonly calledProcessId?: string;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
  readonly inputCollection?: string;
  readonly inputElement?: string;
  readonly outputCollection?: string;
  readonly outputElement?: string;
}

interface ModdleValue {
  $type: string;
  [key: string]: unknown;
}

type Behaviour = { extensionElements?: { values?: ModdleValue[] }; loopCharacteristics?: { behaviour?: Behaviour } } | undefined;

function values(behaviour: Behaviour): ModdleValue[] {
  return behaviour?.extensionElements?.values ?? [];
}

function find(list: ModdleValue[], type: string): ModdleValue | undefined {
  return list.find((v) => v.$type === type);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function mappings(list: unknown): Mapping[] {
  if (!Array.isArray(list)) return [];
  return list.map((m: { source?: string; target?: string }) => ({ source: m.source ?? '', target: m.target ?? '' }));
}

const cache = new WeakMap<object, ZeebeElement>();

/** The Zeebe configuration of an element, from its serialised behaviour (cached per behaviour object). */
export function readZeebe(behaviour: Behaviour): ZeebeElement {
  if (behaviour && cache.has(behaviour)) return cache.get(behaviour)!;
  const ext = values(behaviour);
  const loop = find(values(behaviour?.loopCharacteristics?.behaviour), 'zeebe:LoopCharacteristics');
  const task = find(ext, 'zeebe:TaskDefinition');
  const io = find(ext, 'zeebe:IoMapping');
  const headers = find(ext, 'zeebe:TaskHeaders');
  const assignment = find(ext, 'zeebe:AssignmentDefinition');
  const schedule = find(ext, 'zeebe:TaskSchedule');
  const form = find(ext, 'zeebe:FormDefinition');
  const priority = find(ext, 'zeebe:PriorityDefinition');
  const called = find(ext, 'zeebe:CalledElement');
  const result: ZeebeElement = {
    taskType: str(task?.type),
    retries: str(task?.retries),
    headers: Object.fromEntries(
      ((headers?.values as { key?: string; value?: string }[] | undefined) ?? []).map((h) => [h.key ?? '', h.value ?? '']),
    ),
    inputs: mappings(io?.inputParameters),
    outputs: mappings(io?.outputParameters),
    isUserTask: Boolean(find(ext, 'zeebe:UserTask')),
    assignee: str(assignment?.assignee),
    candidateGroups: str(assignment?.candidateGroups),
    candidateUsers: str(assignment?.candidateUsers),
    dueDate: str(schedule?.dueDate),
    followUpDate: str(schedule?.followUpDate),
    formKey: str(form?.formKey),
    formId: str(form?.formId),
    priority: priority?.priority === undefined ? undefined : String(priority.priority),
    calledProcessId: str(called?.processId) ?? str(called?.processIdExpression),
    propagateAllChildVariables: called?.propagateAllChildVariables !== false,
    propagateAllParentVariables: called?.propagateAllParentVariables !== false,
    inputCollection: str(loop?.inputCollection),
    inputElement: str(loop?.inputElement),
    outputCollection: str(loop?.outputCollection),
    outputElement: str(loop?.outputElement),
  };
  if (behaviour) cache.set(behaviour, result);
  return result;
}

/** The correlation key expression of a `bpmn:Message`'s `zeebe:subscription`. */
export function readCorrelationKey(messageBehaviour: Behaviour): string | undefined {
  return str(find(values(messageBehaviour), 'zeebe:Subscription')?.correlationKey);
}
