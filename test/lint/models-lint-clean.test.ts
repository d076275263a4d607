/**
 * Every model under bpmn/ and test/models/ (recursively) passes the full `.bpmnlintrc`:
 * bpmnlint's recommended rules, camunda-compat for Camunda 8.8, and the jingpin portable subset.
 * Warnings count too. Lint fixtures that are meant to fail live in test/lint-fixtures/.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { bpmnFilesUnder, formatReport, lintFile, repoRoot } from './bpmnlint-harness.ts';

const folders = ['bpmn', path.join('test', 'models')];

describe('models lint clean', () => {
  it('bpmn/ and test/models/ have no lint reports', async () => {
    const problems: string[] = [];
    for (const folder of folders) {
      for (const file of await bpmnFilesUnder(path.join(repoRoot, folder))) {
        for (const report of await lintFile(file)) {
          problems.push(`${path.relative(repoRoot, file)}: ${formatReport(report)}`);
        }
      }
    }
    expect(problems, `lint reports:\n${problems.join('\n')}`).toEqual([]);
  });
});
