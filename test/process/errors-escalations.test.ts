import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bpmnError, complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { completeTask, recordingWorker, start, states } from './helpers.ts';

/**
 * BPMN errors and escalations as Zeebe 8.8 handles them: an error a job worker throws is caught
 * by an error boundary with its code (with the worker's variables); an error code nothing catches
 * raises an UNHANDLED_ERROR_EVENT incident and the instance stays active; an error end event in a
 * sub-process is caught on the sub-process; escalations reach non-interrupting and interrupting
 * escalation boundaries on the sub-process that throws them.
 */
describe('errors and escalations', () => {
  let h: EngineHarness;
  const note = recordingWorker('note', Type.Object({}), (job) => complete({ ...job.customHeaders }));
  const check = recordingWorker('check-eligibility', Type.Object({ score: Type.Number() }), (job) => {
    const score = Number(job.variables.score);
    if (score < 0) return bpmnError('NOT_MODELLED', 'nobody catches this code', { reason: 'negative' });
    if (score < 60) return bpmnError('INELIGIBLE', `score ${score} is below 60`, { rejectionReason: 'score too low', minimumScore: 60 });
    return complete({ eligible: true });
  });

  beforeEach(async () => {
    for (const w of [note, check]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [note, check] });
    await h.deploy('errors-escalations.bpmn');
  });
  afterEach(() => h.close());

  describe('error thrown by a job worker', () => {
    it('no error: the normal path', async () => {
      const key = await start(h, 'err-job', { score: 75 });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['ej_start', 'ej_check', 'ej_endEligible']);
      expect(view.variables).toEqual({ score: 75, eligible: true });
    });

    it('is caught by the error boundary with the matching code; the error variables arrive', async () => {
      const key = await start(h, 'err-job', { score: 42 });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(states(view)).toEqual(['ej_start:COMPLETED', 'ej_check:TERMINATED', 'ej_ineligible:COMPLETED', 'ej_notify:COMPLETED', 'ej_endRejected:COMPLETED']);
      expect(view.variables).toEqual({ score: 42, rejectionReason: 'score too low', minimumScore: 60, outcome: 'rejected' });
      expect(await h.engine.searchIncidents({ processInstanceKey: key })).toEqual([]);
    });

    it('an error code no boundary catches raises an UNHANDLED_ERROR_EVENT incident; the instance stays active at the task', async () => {
      const key = await start(h, 'err-job', { score: -1 });
      const view = await h.instance(key);
      expect(view.state).toBe('ACTIVE');
      expect(view.activeElementIds).toEqual(['ej_check']);
      expect(await h.path(key)).toEqual(['ej_start', 'ej_check']);
      expect(view.variables).toEqual({ score: -1 });
      const incidents = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'ej_check' });
      expect(incidents[0]?.errorMessage).toContain('NOT_MODELLED');
      expect(view.incidents).toHaveLength(1);
    });
  });

  describe('error end event inside a sub-process', () => {
    it('is caught by the error boundary on the sub-process, which is terminated', async () => {
      const key = await start(h, 'err-subprocess', { docsComplete: false });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['es_start', 'es_validate', 'es_innerStart', 'es_complete', 'es_missing', 'es_docsMissing', 'es_requestDocs', 'es_endMissing']);
      expect(states(view)).toContain('es_validate:TERMINATED');
      expect(view.variables).toEqual({ docsComplete: false, outcome: 'documentsRequested' });
    });

    it('no error: the sub-process completes and the boundary never fires', async () => {
      const key = await start(h, 'err-subprocess', { docsComplete: true });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['es_start', 'es_validate', 'es_innerStart', 'es_complete', 'es_innerEnd', 'es_endValid']);
      expect(view.variables).toEqual({ docsComplete: true });
      expect(note.jobs).toHaveLength(0);
    });
  });

  describe('escalation', () => {
    it('an intermediate escalation throw caught by a non-interrupting boundary: both paths continue', async () => {
      const key = await start(h, 'esc-noninterrupting', { caseId: 'JP-7' });
      // The escalation path ran; the sub-process goes on to its user task. The two branches are
      // concurrent, so only the order within each branch is asserted.
      const first = await h.path(key);
      expect(first.slice(0, 5)).toEqual(['en_start', 'en_handle', 'en_innerStart', 'en_throw', 'en_notified']);
      expect(first.filter((id) => id.startsWith('en_notify') || id === 'en_endNotified')).toEqual(['en_notifyProvince', 'en_endNotified']);
      expect([...first].sort()).toEqual(['en_start', 'en_handle', 'en_innerStart', 'en_throw', 'en_notified', 'en_notifyProvince', 'en_endNotified', 'en_finish'].sort());
      expect((await h.instance(key)).activeElementIds).toEqual(['en_handle', 'en_finish']);

      await completeTask(h, key, 'en_finish', { finished: true });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect((await h.path(key)).slice(first.length)).toEqual(['en_innerEnd', 'en_endHandled']);
      expect(states(view)).toContain('en_handle:COMPLETED');
      expect(view.variables).toEqual({ caseId: 'JP-7', provinceNotified: 'yes', finished: true });
    });

    it('an escalation end event caught by an interrupting boundary terminates the sub-process', async () => {
      const key = await start(h, 'esc-interrupting', { caseId: 'JP-8' });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['ei_start', 'ei_handle', 'ei_innerStart', 'ei_escalate', 'ei_toProvince', 'ei_provinceReview', 'ei_endProvince']);
      expect(states(view)).toContain('ei_handle:TERMINATED');
      expect(states(view)).not.toContain('ei_endHandled:COMPLETED');
      expect(view.variables).toEqual({ caseId: 'JP-8', outcome: 'province' });
    });
  });
});
