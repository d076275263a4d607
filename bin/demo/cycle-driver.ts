import type { Pool } from 'pg';
import { messageNames, processIds, type MessageName } from '../../bpmn/contract.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { suspendCertificationBody } from '../../platform/cycle/suspend-certification-body.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { openCampaign } from '../../platform/cycle/open-campaign.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AttachmentStore } from '../../platform/cycle/attachment-store.ts';
import { startCase } from '../../platform/cycle/case-starts.ts';
import { recordDeclaration, type DeclarationSubmission, type SubmittedDeclaration } from '../../platform/cycle/submit-declaration.ts';
import type { VirtualClock } from '../../platform/engine/clock.ts';
import type { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import type { Variables } from '../../platform/engine/outcome.ts';
import type { UserTask } from '../../platform/engine/port.ts';
import { ScriptedEvidence } from './scripted-evidence.ts';

/** The certificate a body issues when it certifies: its own number, and its date (Beijing). */
export interface BodyCertificate {
  readonly certificateNumber: string;
  readonly certificateDate: string;
}

/**
 * Drives the yearly cycle on the embedded engine with a virtual clock, as the people of the
 * cycle would: it submits declarations, completes the tasks waiting for each role with the
 * decisions a script gives, publishes what outside parties send (certification results,
 * objections), and moves the clock. Used by `jingpin demo`, `bench:cycle` and the process tests.
 */
export class CycleDriver {
  /** How the scripted enterprises upload the materials they claim (the eligibility check reads the files, not the claim). */
  readonly evidence: ScriptedEvidence;

  constructor(
    readonly engine: EmbeddedEngine,
    readonly db: Pool,
    readonly clock: VirtualClock,
    // The demo passes ATTACHMENTS_DIR; the tests' scripted files go to one folder they share (one file, by SHA-256).
    store: AttachmentStore = new AttachmentStore(path.join(tmpdir(), 'jingpin-scripted-attachments')),
  ) {
    this.evidence = new ScriptedEvidence(store, db, clock);
  }

  /** Runs everything due at the current time. */
  settle(): Promise<void> {
    return this.engine.runUntilIdle();
  }

  /** Moves the clock to `instant` (if it is ahead) and runs what fell due on the way, timer by timer. */
  async advanceTo(instant: string | Date): Promise<void> {
    const target = new Date(instant).getTime();
    for (;;) {
      const next = await this.#nextWake();
      if (next === null || next > target) break;
      if (next > this.clock.now().getTime()) this.clock.set(new Date(next));
      await this.settle();
    }
    if (target > this.clock.now().getTime()) this.clock.set(new Date(target));
    await this.settle();
  }

  async #nextWake(): Promise<number | null> {
    const { rows } = await this.db.query<{ at: Date | null }>(`SELECT min(next_wake_at) AS at FROM engine_instances WHERE state = 'ACTIVE'`);
    return rows[0]?.at ? rows[0].at.getTime() : null;
  }

  /** Starts the year's campaign; returns its timetable once the campaign is open. */
  async openCampaign(year: number, noticeNumber?: string): Promise<CampaignTimetable> {
    await openCampaign({ db: this.db, clock: this.clock, engine: this.engine }, { year, ...(noticeNumber ? { noticeNumber } : {}) });
    await this.settle();
    const { rows } = await this.db.query<{ timetable: CampaignTimetable }>('SELECT timetable FROM campaigns WHERE year = $1', [year]);
    if (!rows[0]) throw new Error(`${year} 年度未能开启 / the ${year} campaign did not open`);
    return rows[0].timetable;
  }

  async submit(submission: DeclarationSubmission): Promise<SubmittedDeclaration> {
    const submitted = await this.#submitWithMaterials(submission);
    await this.settle();
    return submitted;
  }

  /**
   * The declaration is recorded, the materials its facts claim are uploaded to it, and only then
   * does its case start: the eligibility check sees the files, as it sees a draft's uploads.
   */
  async #submitWithMaterials(submission: DeclarationSubmission): Promise<SubmittedDeclaration> {
    const number = await withTransaction(this.db, (db) => recordDeclaration(db, this.clock.now(), submission));
    const role = submission.channel === 'MEMBER_UNIT' ? 'member_unit' : 'enterprise';
    await this.evidence.attach({ declarationNumber: number }, submission.facts, submission.submittedBy, role);
    return { number, processInstanceKey: await startCase({ db: this.db, clock: this.clock, engine: this.engine }, processIds.declaration, number) };
  }

  /** Open user tasks of one element, oldest first. */
  tasks(elementId: string): Promise<UserTask[]> {
    return this.engine.searchUserTasks({ elementId, state: 'CREATED' });
  }

  /**
   * Completes every open task of an element with what `decide` returns for it (null leaves the
   * task open). `decidedBy` is added as the API would add the person's id: one person for all, or
   * the person each task is for (a member unit's task, its unit's). Returns how many it completed.
   */
  async completeAll(
    elementId: string,
    decide: (task: UserTask) => Variables | null | Promise<Variables | null>,
    decidedBy: string | ((task: UserTask) => string | Promise<string>) = 'demo',
  ): Promise<number> {
    let done = 0;
    for (const task of await this.tasks(elementId)) {
      const variables = await decide(task);
      if (!variables) continue;
      const person = typeof decidedBy === 'string' ? decidedBy : await decidedBy(task);
      await this.engine.completeUserTask(task.userTaskKey, { ...variables, decidedBy: person });
      done++;
    }
    await this.settle();
    return done;
  }

  /**
   * Every expert scores the declarations of his panel (the scoring task is assigned to him);
   * `mark` gives the marks of one declaration, `opinion` (if given) the expert's written opinion.
   */
  async scoreAll(mark: (declarationNumber: string, expertId: string) => number, opinion?: (declarationNumber: string, expertId: string) => string): Promise<number> {
    return this.completeAll('scoreDeclarations', async (task) => {
      const expertId = task.assignee!;
      const { rows } = await this.db.query<{ declaration_number: string }>(
        `SELECT p.declaration_number FROM panel_assignments p JOIN declarations d ON d.number = p.declaration_number
          WHERE p.expert_id = $1 AND p.role = 'MEMBER' AND d.campaign_year = $2 ORDER BY p.declaration_number`,
        [expertId, Number(task.businessKey)],
      );
      const scores = rows.map(({ declaration_number: number }) => {
        const m = Math.max(0, Math.min(100, mark(number, expertId)));
        return { declarationNumber: number, STANDARDS: m, QUALITY: m, TECHNOLOGY: m, MARKET_BRAND: m, ...(opinion ? { opinion: opinion(number, expertId) } : {}) };
      });
      return { scores };
    }, 'expert');
  }

  /** Sends a message to one declaration's case (what the API does for certification results and objections). */
  async publish(name: MessageName, declarationNumber: string, variables: Variables = {}): Promise<void> {
    await this.engine.publishMessage({ name, correlationKey: declarationNumber, variables, timeToLiveMs: 24 * 3600_000 });
    await this.settle();
  }

  /**
   * A certification body's result for a declaration; when certified, with the certificate the
   * body issued (by default numbered after the declaration and dated today, Beijing time).
   */
  certificationResult(declarationNumber: string, certified: boolean, certificate?: BodyCertificate): Promise<void> {
    return this.publish(messageNames.certificationResult, declarationNumber, {
      certified,
      certificationEndedAt: this.clock.now().toISOString(),
      ...(certified ? (certificate ?? this.#certificateFor(declarationNumber)) : {}),
    });
  }

  #certificateFor(declarationNumber: string): BodyCertificate {
    return { certificateNumber: `ZS-${declarationNumber.replace(/^JP-/, '')}`, certificateDate: beijingDateOf(this.clock.now()) };
  }

  /** Files an objection during publicity (as the public objection route will). */
  async fileObjection(declarationNumber: string, text: string): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO objections (declaration_number, filed_at, objector_kind, objector_name, contact, text) VALUES ($1, $2, 'PERSON', '公众 / member of the public', 'demo@example.org', $3) RETURNING id`,
      [declarationNumber, this.clock.now(), text],
    );
    const objectionId = Number(rows[0]!.id);
    await this.publish(messageNames.objectionFiled, declarationNumber, { objectionId });
    return objectionId;
  }

  /** Suspends a certification body; its certifications in progress are handed to others. */
  async suspendCertificationBody(bodyId: string, reason: string): Promise<string[]> {
    const affected = await suspendCertificationBody({ db: this.db, clock: this.clock, engine: this.engine }, { bodyId, reason, decidedBy: 'demo' });
    await this.settle();
    return affected;
  }

  /** Submits several declarations, then runs what they started: one settle for all (the demo's and the bench's batches). */
  async submitAll(submissions: readonly DeclarationSubmission[]): Promise<SubmittedDeclaration[]> {
    const submitted: SubmittedDeclaration[] = [];
    for (const submission of submissions) submitted.push(await this.#submitWithMaterials(submission));
    await this.settle();
    return submitted;
  }

  /**
   * The enterprise corrects its materials, as the declaration route will let it: the new facts
   * go on file (with an audit entry) and its correction task is completed, so eligibility is
   * judged again. False when the declaration has no open correction task.
   */
  async correctMaterials(declarationNumber: string, facts: Record<string, unknown>, correctionNote: string, decidedBy: string): Promise<boolean> {
    const [task] = await this.engine.searchUserTasks({ elementId: 'correctMaterials', businessKey: declarationNumber, state: 'CREATED' });
    if (!task) return false;
    await withTransaction(this.db, async (db) => {
      await db.query('UPDATE declarations SET facts = $2 WHERE number = $1', [declarationNumber, JSON.stringify(facts)]);
      await appendAudit(db, { actor: decidedBy, role: 'enterprise', action: 'declaration.corrected', subjectType: 'declaration', subjectId: declarationNumber, reason: correctionNote, at: this.clock.now() });
    });
    // The materials the correction names are uploaded before the task is done, as the form has it.
    await this.evidence.attach({ declarationNumber }, facts, decidedBy);
    await this.engine.completeUserTask(task.userTaskKey, { correctionNote, decidedBy });
    await this.settle();
    return true;
  }

  /** Several bodies' results at once (each as certificationResult would send it), then one settle. */
  async certificationResults(results: readonly { declarationNumber: string; certified: boolean; note?: string }[]): Promise<void> {
    for (const r of results) {
      await this.engine.publishMessage({
        name: messageNames.certificationResult,
        correlationKey: r.declarationNumber,
        variables: {
          certified: r.certified,
          certificationEndedAt: this.clock.now().toISOString(),
          ...(r.certified ? this.#certificateFor(r.declarationNumber) : {}),
          ...(r.note ? { certificationNote: r.note } : {}),
        },
        timeToLiveMs: 24 * 3600_000,
      });
    }
    await this.settle();
  }

  /** The variables of the year's campaign case: its timetable, and `publicityEnd` once publicity started. */
  async campaignVariables(year: number): Promise<Variables> {
    const [found] = await this.engine.searchInstances({ processDefinitionId: processIds.campaign, businessKey: String(year) });
    if (!found) throw new Error(`${year} 年度没有年度工作流程 / no campaign case for ${year}`);
    return (await this.engine.getInstance(found.processInstanceKey)).variables;
  }

  async declaration(number: string): Promise<{ stage: string; outcome: string | null }> {
    const { rows } = await this.db.query<{ stage: string; outcome: string | null }>('SELECT stage, outcome FROM declarations WHERE number = $1', [number]);
    if (!rows[0]) throw new Error(`no declaration ${number}`);
    return rows[0];
  }
}
