/**
 * The plugin package itself: every rule file is exported and switched on, the FEEL allow-list
 * matches the installed feelin, and the bpmnlint CLI picks up all three configurations.
 */
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { loadConfig, repoRoot } from './bpmnlint-harness.ts';

interface Plugin {
  rules: Record<string, string>;
  configs: Record<string, { rules: Record<string, string> }>;
}

const require = createRequire(import.meta.url);
const pluginDir = path.join(repoRoot, 'lint', 'bpmnlint-plugin-jingpin');
const plugin = require('bpmnlint-plugin-jingpin') as Plugin;
const feelFunctions = require(path.join(pluginDir, 'feel-functions.cjs')) as {
  FEELIN_BUILTINS: readonly string[];
  JINGPIN_POLYFILLS: readonly string[];
  ALLOWED_FEEL_FUNCTIONS: readonly string[];
};

describe('bpmnlint-plugin-jingpin', () => {
  it('exports every rule file and turns each on as an error in recommended and all', async () => {
    const files = (await readdir(path.join(pluginDir, 'rules'))).filter((file) => file.endsWith('.cjs')).sort();
    const names = files.map((file) => file.replace(/\.cjs$/, ''));

    expect(Object.keys(plugin.rules).sort()).toEqual(names);
    for (const name of names) {
      expect(plugin.rules[name]).toBe(`./rules/${name}.cjs`);
      expect(plugin.configs['recommended']?.rules[name]).toBe('error');
      expect(plugin.configs['all']?.rules[name]).toBe('error');
    }
    expect(names).not.toContain('no-cross-file-call-activity');
  });

  it('is in the repository configuration next to bpmnlint and camunda-compat', async () => {
    const config = await loadConfig();

    expect(config.extends).toEqual([
      'bpmnlint:recommended',
      'plugin:camunda-compat/camunda-cloud-8-8',
      'plugin:jingpin/recommended',
    ]);
    expect(config.moddleExtensions).toEqual({ zeebe: 'zeebe-bpmn-moddle/resources/zeebe.json' });
  });
});

describe('FEEL allow-list', () => {
  // feelin resolves a call to an unknown name to null with a NO_FUNCTION_FOUND warning, and a
  // few of its table entries are stubs that throw "not implemented"
  function feelinHas(name: string): boolean {
    try {
      const { warnings } = evaluate(`${name}()`, {});
      return !warnings.some((warning) => warning.type === 'NO_FUNCTION_FOUND' || warning.type === 'NO_VARIABLE_FOUND');
    } catch {
      return false;
    }
  }

  it('probes feelin correctly', () => {
    expect(feelinHas('string length')).toBe(true);
    expect(feelinHas('to json')).toBe(false);
    expect(feelinHas('coincides')).toBe(false);
  });

  it.each(feelFunctions.FEELIN_BUILTINS)('feelin has %s', (name) => {
    expect(feelinHas(name)).toBe(true);
  });

  it('allows exactly the feelin built-ins and the polyfills', () => {
    const expected = [...new Set([...feelFunctions.FEELIN_BUILTINS, ...feelFunctions.JINGPIN_POLYFILLS])].sort();
    expect(feelFunctions.ALLOWED_FEEL_FUNCTIONS).toEqual(expected);
    expect(feelFunctions.ALLOWED_FEEL_FUNCTIONS).not.toContain('to json');
  });
});

describe('bpmnlint CLI', () => {
  it('reports bpmnlint, camunda-compat and jingpin rules with the repository configuration', async () => {
    const cli = path.join(repoRoot, 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js');
    const files = ['no-converging-inclusive-gateway--invalid.bpmn', 'camunda-compat-task-type--invalid.bpmn'].map(
      (file) => path.join('test', 'lint-fixtures', file),
    );
    const result = await promisify(execFile)(process.execPath, [cli, ...files], { cwd: repoRoot }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

    expect(result.code).toBe(1);
    // bpmnlint:recommended
    expect(result.stdout).toContain('no-inclusive-gateway');
    // camunda-compat (its reports show the element name in the rule column, so match the message)
    expect(result.stdout).toContain('Element of type <zeebe:TaskDefinition> must have property <type>');
    // jingpin
    expect(result.stdout).toContain('jingpin/no-converging-inclusive-gateway');
  });
});
