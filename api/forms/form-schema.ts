import { Type, type TSchema } from '@fastify/type-provider-typebox';

/** The parts of a Camunda Forms component (schemaVersion 16) that shape the submitted data. */
export interface FormComponent {
  readonly type: string;
  readonly id?: string;
  readonly key?: string;
  readonly path?: string;
  readonly label?: string;
  /** A text component's markdown, with `{{variable}}` templates. */
  readonly text?: string;
  readonly validate?: {
    readonly required?: boolean;
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly pattern?: string;
    readonly min?: number;
    readonly max?: number;
  };
  readonly values?: readonly { readonly label: string; readonly value: string }[];
  readonly components?: readonly FormComponent[];
}

export interface FormFile {
  readonly id: string;
  readonly components: readonly FormComponent[];
}

/** A form uses a component this converter does not know; its data could not be checked. */
export class UnsupportedFormComponent extends Error {
  override readonly name = 'UnsupportedFormComponent';
}

// Components that only display something submit nothing.
const displayOnly = new Set(['text', 'spacer', 'separator', 'image', 'html']);

/**
 * The schema of the data a form submits: each input component becomes a property under its
 * `key` (a dynamic list under its `path`, as an array of objects of its own components), with
 * the form's own rules (required, minLength, maxLength, pattern, min, max, select values).
 * A checkbox is always present, as Camunda Forms always submits it (false when unticked). Nothing
 * else may be sent: the variables a task's completion sets are exactly the form's.
 * @throws {UnsupportedFormComponent} for a component type it cannot check, so a new kind of field
 * in a model fails at start rather than passing unchecked.
 */
export function formSchema(form: FormFile): TSchema {
  return objectOf(form.components, form.id);
}

function objectOf(components: readonly FormComponent[], where: string): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const component of components) {
    if (displayOnly.has(component.type)) continue;
    const name = component.type === 'dynamiclist' ? component.path : component.key;
    if (!name) throw new UnsupportedFormComponent(`${where}: ${component.type} ${component.id ?? ''} has no key`);
    const schema = fieldSchema(component, `${where}/${name}`);
    const required = component.type === 'checkbox' || component.validate?.required === true;
    properties[name] = required ? schema : Type.Optional(schema);
  }
  return Type.Object(properties, { additionalProperties: false });
}

function fieldSchema(component: FormComponent, where: string): TSchema {
  const rules = component.validate ?? {};
  const description = component.label;
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      return Type.String({
        ...(description ? { description } : {}),
        ...(rules.required ? { minLength: Math.max(1, rules.minLength ?? 1) } : rules.minLength !== undefined ? { minLength: rules.minLength } : {}),
        ...(rules.maxLength !== undefined ? { maxLength: rules.maxLength } : {}),
        ...(rules.pattern !== undefined ? { pattern: rules.pattern } : {}),
      });
    case 'number':
      return Type.Number({
        ...(description ? { description } : {}),
        ...(rules.min !== undefined ? { minimum: rules.min } : {}),
        ...(rules.max !== undefined ? { maximum: rules.max } : {}),
      });
    case 'checkbox':
      return Type.Boolean(description ? { description } : {});
    case 'select': {
      const values = component.values ?? [];
      if (values.length === 0) throw new UnsupportedFormComponent(`${where}: select without static values`);
      return Type.Union(values.map((v) => Type.Literal(v.value)), description ? { description } : {});
    }
    case 'dynamiclist':
      return Type.Array(objectOf(component.components ?? [], where), {
        ...(description ? { description } : {}),
        ...(rules.required ? { minItems: 1 } : {}),
      });
    default:
      throw new UnsupportedFormComponent(`${where}: component type ${component.type} is not supported`);
  }
}
