import { Activity } from 'bpmn-elements';

/**
 * Exclusive and inclusive gateways that ask the run first whether their conditions can be
 * evaluated. Zeebe raises an incident at a gateway whose condition fails or is not a boolean,
 * and the token waits there while the rest of the work stands; bpmn-elements would fail the
 * whole run from inside the gateway. A guarded gateway that may not pass simply does not
 * complete, like a job with no answer yet; resolving the incident runs it again.
 */
export type GatewayGuard = (content: GatewayContent) => boolean;

interface GatewayContent {
  id: string;
  executionId: string;
  [key: string]: unknown;
}

interface GatewayActivity {
  id: string;
  type: string;
  broker: { publish(exchange: string, routingKey: string, content: object): void };
  environment: { options: { gatewayGuard?: GatewayGuard } };
}

function behaviour() {
  return function GuardedGatewayBehaviour(this: { activity: GatewayActivity }, activity: GatewayActivity) {
    this.activity = activity;
  };
}

function guardedExecute(takeOne: boolean) {
  return function execute(this: { activity: GatewayActivity }, message: { content: GatewayContent }) {
    const guard = this.activity.environment.options.gatewayGuard;
    if (guard && !guard(message.content)) return;
    this.activity.broker.publish('execution', 'execute.completed', { ...message.content, ...(takeOne && { outboundTakeOne: true }) });
  };
}

const ExclusiveBehaviour = behaviour();
ExclusiveBehaviour.prototype.execute = guardedExecute(true);
const InclusiveBehaviour = behaviour();
InclusiveBehaviour.prototype.execute = guardedExecute(false);

type ActivityConstructor = new (behaviour: unknown, definition: unknown, context: unknown) => unknown;

export function GuardedExclusiveGateway(definition: unknown, context: unknown): unknown {
  return new (Activity as unknown as ActivityConstructor)(ExclusiveBehaviour, definition, context);
}

export function GuardedInclusiveGateway(definition: unknown, context: unknown): unknown {
  return new (Activity as unknown as ActivityConstructor)(InclusiveBehaviour, definition, context);
}
