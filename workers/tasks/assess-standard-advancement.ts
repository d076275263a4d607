import { Type, type Static } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { evaluateStandardAdvancement } from '../../domain/standards/evaluate-advancement.ts';
import type { ComparisonTable, LimitReference } from '../../domain/standards/comparison-table.ts';
import { normalizeIndicatorKey } from '../../domain/standards/indicator-key.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { deadlineOn } from '../../domain/deadlines/deadline.ts';
import { calendarIncident } from '../cycle/calendar-errors.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { getDeclaration, setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';

/**
 * Working days the enterprise has to choose a certification body before the secretariat assigns
 * one [ASSUMED: no notice sets it].
 */
const CHOOSE_BODY_WORKING_DAYS = 10;

/** One row of the institute's form (bpmn/forms/standard-evaluation.form). */
const IndicatorRow = Type.Object({
  name: Type.String({ minLength: 1 }),
  unit: Type.Optional(Type.String()),
  direction: Type.Union([Type.Literal('HIGHER_BETTER'), Type.Literal('LOWER_BETTER')]),
  enterpriseValue: Type.Number(),
  nationalStandard: Type.Optional(Type.String()),
  nationalValue: Type.Optional(Type.Number()),
  industryStandard: Type.Optional(Type.String()),
  industryValue: Type.Optional(Type.Number()),
  internationalStandard: Type.Optional(Type.String()),
  internationalValue: Type.Optional(Type.Number()),
});

function references(row: Static<typeof IndicatorRow>): LimitReference[] {
  const levels = [
    ['NATIONAL', row.nationalStandard, row.nationalValue],
    ['INDUSTRY', row.industryStandard, row.industryValue],
    ['INTERNATIONAL', row.internationalStandard, row.internationalValue],
  ] as const;
  return levels.flatMap(([level, code, value]) => (value === undefined ? [] : [{ level, standardCode: code || level, value }]));
}

/**
 * The standardization institute's comparison table, judged: each indicator against the national,
 * industry and international references, the "first" and "only" flags against the campaign's
 * other evaluated declarations, and the verdict that decides whether certification follows.
 */
export function assessStandardAdvancementWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.assessStandardAdvancement,
    description: '判定标准先进性 / assess the standard\'s advancement',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      enterpriseStandardCode: Type.String({ minLength: 1 }),
      indicators: Type.Array(IndicatorRow, { minItems: 1 }),
      evaluationNote: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { declarationNumber, enterpriseStandardCode, indicators, evaluationNote } = job.variables;
      const declaration = await getDeclaration(ports.db, declarationNumber);
      const table: ComparisonTable = {
        declarationNumber,
        enterpriseId: declaration.enterpriseId,
        enterpriseStandardCode,
        indicators: indicators.map((row) => ({
          key: normalizeIndicatorKey(row.name),
          name: row.name,
          unit: row.unit ?? '',
          direction: row.direction,
          enterpriseValue: row.enterpriseValue,
          references: references(row),
        })),
      };
      const { rows: others } = await ports.db.query<{ declaration_number: string; enterprise_id: string; keys: string[] }>(
        `SELECT s.declaration_number, d.enterprise_id, ARRAY(SELECT jsonb_array_elements(s.indicators)->>'key') AS keys
           FROM standard_evaluations s JOIN declarations d ON d.number = s.declaration_number
          WHERE d.campaign_year = $1 AND s.declaration_number <> $2`,
        [declaration.campaignYear, declarationNumber],
      );
      let evaluation;
      try {
        evaluation = evaluateStandardAdvancement(
          table,
          others.map((o) => ({ declarationNumber: o.declaration_number, enterpriseId: o.enterprise_id, indicatorKeys: o.keys })),
        );
      } catch (error) {
        return incident(`对比表无效 / the comparison table of ${declarationNumber} is invalid: ${(error as Error).message}`);
      }
      const flags = [...new Set(evaluation.indicators.flatMap((i) => [...(i.first ? ['FIRST'] : []), ...(i.only ? ['ONLY'] : [])]))];
      const at = ports.clock.now();
      const decidedBy = decidedByOf(job.variables);
      // The deadline first: a calendar without the year becomes an incident before anything is
      // written, so its retry does not record the evaluation (and its audit entry) twice.
      let chooseBodyDue: string;
      try {
        chooseBodyDue = deadlineOn((await ports.calendar()).addWorkingDays(beijingDateOf(at), CHOOSE_BODY_WORKING_DAYS)).at;
      } catch (error) {
        return calendarIncident(error);
      }
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO standard_evaluations (declaration_number, verdict, indicators, flags, evaluated_by, evaluated_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (declaration_number) DO UPDATE SET verdict = EXCLUDED.verdict, indicators = EXCLUDED.indicators, flags = EXCLUDED.flags,
             evaluated_by = EXCLUDED.evaluated_by, evaluated_at = EXCLUDED.evaluated_at`,
          [declarationNumber, evaluation.verdict, JSON.stringify(table.indicators.map((row, i) => ({ ...row, result: evaluation.indicators[i] }))), flags, decidedBy, at],
        );
        if (evaluation.verdict !== 'NOT_ADVANCED') await setStage(db, declarationNumber, 'CHOOSING_CERTIFICATION_BODY');
        await appendAudit(db, {
          actor: decidedBy,
          role: 'standardization_institute',
          action: `standard.${evaluation.verdict.toLowerCase()}`,
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: evaluationNote,
          detail: { verdict: evaluation.verdict, flags, summary: { zh: evaluation.zh, en: evaluation.en } },
          at,
        });
      });
      return complete({ standardVerdict: evaluation.verdict, standardFlags: flags, chooseBodyDue });
    },
  });
}
