/**
 * The shapes of bpmn-engine's messages and element handles that the adapter reads. The library
 * ships loose types; these name the few fields we rely on.
 */
export interface Parent {
  id?: string;
  type?: string;
  executionId?: string;
  path?: Parent[];
}

/** A message's content: one element instance (or one multi-instance iteration) at some step. */
export interface Content {
  id: string;
  type: string;
  executionId: string;
  parent?: Parent;
  isRootScope?: boolean;
  isMultiInstance?: boolean;
  index?: number;
  loopCardinality?: number;
  message?: { id: string; name?: string };
  [key: string]: unknown;
}

/** What the engine's listener events carry. */
export interface ElementApi {
  id: string;
  content: Content;
  signal(payload?: unknown): void;
  getPostponed?(): ElementApi[];
}

/** An activity as an extension sees it. */
export interface ActivityHandle {
  id: string;
  type: string;
  behaviour: Record<string, unknown> & { Service?: unknown; loopCharacteristics?: unknown };
  broker: {
    subscribeTmp(exchange: string, pattern: string, fn: (routingKey: string, message: { content: Content }) => void, options: object): void;
    cancel(tag: string): void;
    publish(exchange: string, routingKey: string, content: object): void;
  };
}

export type ServiceCallback = (error: Error | null, output?: unknown) => void;
