import type { EngineKind } from '../platform/engine/port.ts';

/** Which engine runs, as GET /health reports it. */
export interface EngineInfo {
  readonly kind: EngineKind;
}
