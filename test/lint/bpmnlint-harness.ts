/**
 * bpmnlint run the way its CLI runs it (node_modules/bpmnlint/bin/bpmnlint.js), from code:
 * the repository's `.bpmnlintrc`, its moddle extensions, bpmnlint's own bpmn-moddle, a
 * NodeResolver rooted at the repository, and import warnings reported as errors.
 */
import { createRequire } from 'node:module';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// bpmnlint is CommonJS without type declarations for these entry points: typed by hand below.
const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));
const requireFromBpmnlint = createRequire(requireFromRoot.resolve('bpmnlint/package.json'));

interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
}

interface ImportWarning {
  readonly message: string;
  readonly element?: { readonly id?: string };
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings?: ImportWarning[] }>;
}

interface RawReport {
  readonly id?: string;
  readonly message: string;
  readonly category: string;
}

interface Linter {
  lint(root: ModdleElement): Promise<Record<string, RawReport[]>>;
}

export interface LintConfig {
  readonly extends?: string | readonly string[];
  readonly rules?: Readonly<Record<string, unknown>>;
  readonly moddleExtensions?: Readonly<Record<string, string>>;
}

/** One finding: the rule (`jingpin/no-cron-timer`, `camunda-compat/timer`, `label-required`; `''` for parse/import problems). */
export interface LintReport {
  readonly rule: string;
  readonly id: string | undefined;
  readonly message: string;
  /** 'error' | 'warn' | 'info', or 'rule-error' when a rule threw. */
  readonly category: string;
}

const { Linter: LinterClass } = requireFromRoot('bpmnlint') as {
  Linter: new (options: { config: LintConfig; resolver: unknown }) => Linter;
};
const NodeResolver = requireFromRoot('bpmnlint/lib/resolver/node-resolver') as new (options: {
  require: NodeJS.Require;
}) => unknown;
const { BpmnModdle } = requireFromBpmnlint('bpmn-moddle') as {
  BpmnModdle: new (packages: Record<string, unknown>) => Moddle;
};

export async function loadConfig(): Promise<LintConfig> {
  return JSON.parse(await readFile(path.join(repoRoot, '.bpmnlintrc'), 'utf8')) as LintConfig;
}

interface Setup {
  readonly config: LintConfig;
  readonly moddle: Moddle;
}

let setup: Promise<Setup> | undefined;

async function createSetup(): Promise<Setup> {
  const config = await loadConfig();
  const packages: Record<string, unknown> = {};
  for (const [key, modulePath] of Object.entries(config.moddleExtensions ?? {})) {
    packages[key] = requireFromRoot(modulePath);
  }
  return { config, moddle: new BpmnModdle(packages) };
}

export async function lintXml(xml: string): Promise<LintReport[]> {
  setup ??= createSetup();
  const { config, moddle } = await setup;
  // A fresh Linter per model, as the CLI does: rule instances are cached per Linter and some
  // (no-duplicate-sequence-flows) keep state across the models they see.
  const linter = new LinterClass({ config, resolver: new NodeResolver({ require: requireFromRoot }) });
  let parsed: Awaited<ReturnType<Moddle['fromXML']>>;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return [{ rule: '', id: undefined, message: `Parse error: ${(error as Error).message}`, category: 'error' }];
  }
  const reports: LintReport[] = (parsed.warnings ?? []).map((warning) => ({
    rule: '',
    id: warning.element?.id,
    message: `Import warning: ${warning.message.split('\n')[0] ?? ''}`,
    category: 'error',
  }));
  const results = await linter.lint(parsed.rootElement);
  for (const [rule, ruleReports] of Object.entries(results)) {
    for (const report of ruleReports) {
      reports.push({ rule, id: report.id, message: report.message, category: report.category });
    }
  }
  return reports;
}

export async function lintFile(file: string): Promise<LintReport[]> {
  return lintXml(await readFile(file, 'utf8'));
}

/** Every `.bpmn` file under `dir` (recursively), sorted; none if `dir` does not exist. */
export async function bpmnFilesUnder(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith('.bpmn'))
    .map((entry) => path.join(dir, entry))
    .sort();
}

export function formatReport(report: LintReport): string {
  return `${report.category} ${report.rule || '(import)'} ${report.id ?? '-'}: ${report.message}`;
}
