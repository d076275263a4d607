import type { Incident } from './port.ts';

/**
 * A new incident, as both engines report it the moment it is raised. A case stuck on an incident
 * waits for a person, so the operator must hear of it without having to look: each one becomes an
 * error-level log line naming the case.
 */
export type RaisedIncident = Omit<Incident, 'incidentKey' | 'jobType' | 'state' | 'creationTime'> & {
  /** Null where the engine does not tell it at the moment of raising (Camunda assigns it later). */
  readonly incidentKey: string | null;
};

/** The little of a logger this needs; jingpin's pino logger and the Camunda adapter's log satisfy it. */
export interface IncidentLogger {
  error(fields: object, message: string): void;
}

export function logIncident(log: IncidentLogger, incident: RaisedIncident): void {
  const where = incident.elementId ? `${incident.processDefinitionId}/${incident.elementId}` : incident.processDefinitionId;
  const which = incident.businessKey ?? `instance ${incident.processInstanceKey}`;
  log.error(
    { incident: true, ...incident },
    `流程事件：${which} 停在 ${where}（${incident.errorType}）：${incident.errorMessage} / incident: ${which} is stuck at ${where} (${incident.errorType}): ${incident.errorMessage}`,
  );
}
