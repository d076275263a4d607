import { SequenceFlow } from 'bpmn-elements';

interface FlowContext {
  getActivityById(id: string): { type?: string } | null | undefined;
  getInboundSequenceFlows(id: string): unknown[];
}

type FlowConstructor = new (flowDef: { targetId: string }, context: FlowContext & { environment: unknown }) => {
  targetId: string;
  discard(content?: object): unknown;
};

/**
 * A sequence flow without bpmn-elements' dead-path elimination. When a gateway or a condition
 * leaves a flow untaken, bpmn-elements discards it and every element behind it, down the whole
 * rest of the model (loops included), so that joins can count discarded branches: in a large
 * model most of a run's work. Zeebe has no such thing: a parallel join waits for its flows to be
 * taken, and an element behind an untaken flow simply never starts. Here a discard goes on only to
 * a parallel join, where bpmn-elements still counts it (our lint keeps exclusive splits away from
 * parallel joins, so in a portable model that does not happen); any other element behind an
 * untaken flow is left alone, as on Zeebe.
 */
export class ZeebeSequenceFlow extends (SequenceFlow as unknown as FlowConstructor) {
  readonly #context: FlowContext;
  #toJoin: boolean | undefined;

  constructor(flowDef: { targetId: string }, context: FlowContext & { environment: unknown }) {
    super(flowDef, context);
    this.#context = context;
  }

  override discard(content?: object): unknown {
    this.#toJoin ??=
      this.#context.getActivityById(this.targetId)?.type === 'bpmn:ParallelGateway' && this.#context.getInboundSequenceFlows(this.targetId).length > 1;
    if (!this.#toJoin) return undefined;
    return super.discard(content);
  }
}
