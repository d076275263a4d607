import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TypeBoxValidatorCompiler, type TSchema } from '@fastify/type-provider-typebox';
import { formSchema, type FormFile } from './form-schema.ts';
import { preparedVariables } from './prepared-variables.ts';

/** One user task's form: its id, the schema of what it submits, and a check compiled from it. */
export interface TaskForm {
  readonly formId: string;
  /** The .form file itself, as Camunda Tasklist and the web pages' form-js viewer render it. */
  readonly document: FormFile;
  readonly schema: TSchema;
  /** The variables the process prepares for the form (its dynamic lists, the names its texts show). */
  readonly prepared: readonly string[];
  /** The same check fastify runs on route bodies: ajv-style issues (keyword, instancePath, params). */
  readonly check: (data: unknown) => { value?: unknown; error?: Iterable<FormIssue> };
}

export interface FormIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

const USER_TASK = /<bpmn:userTask\s+id="([^"]+)"[\s\S]*?<\/bpmn:userTask>/g;
const FORM_ID = /<zeebe:formDefinition\s+formId="([^"]+)"/;

/**
 * The form of every user task in the models: elementId → form, read once at start from the
 * .bpmn files (which task links which form) and the .form files (what it submits).
 * @throws when a task links a form that is not there, or a form uses a component it cannot check.
 */
export function loadTaskForms(modelsDir: string): ReadonlyMap<string, TaskForm> {
  const forms = new Map<string, TaskForm>();
  const formsDir = path.join(modelsDir, 'forms');
  for (const file of readdirSync(formsDir).filter((f) => f.endsWith('.form'))) {
    const form = JSON.parse(readFileSync(path.join(formsDir, file), 'utf8')) as FormFile;
    const schema = formSchema(form);
    const validate = TypeBoxValidatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '' });
    forms.set(form.id, { formId: form.id, document: form, schema, prepared: preparedVariables(form), check: (data) => validate(data) as ReturnType<TaskForm['check']> });
  }
  const byElement = new Map<string, TaskForm>();
  for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(modelsDir, file), 'utf8');
    for (const match of xml.matchAll(USER_TASK)) {
      const formId = FORM_ID.exec(match[0])?.[1];
      if (!formId) continue;
      const form = forms.get(formId);
      if (!form) throw new Error(`${file}: user task ${match[1]} links form ${formId}, which is not in ${formsDir}`);
      byElement.set(match[1]!, form);
    }
  }
  return byElement;
}
