import type { FormComponent, FormFile } from './form-schema.ts';

// A text's template names a variable as `{{name}}` or `{{name.part}}`: the root name is the variable.
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The variables a form reads that the process prepares for it: each dynamic list (the process
 * lays out its rows, e.g. the candidates of the proposed list) and each variable a text's
 * template names (e.g. the member unit asked). Camunda Tasklist fills a form from these; the web
 * pages are given the same. A plain field's own key is left out on purpose: in the same scope it
 * may hold an earlier task's answer (the county's reason at the city's task), which must never be
 * shown as the next person's decision.
 */
export function preparedVariables(form: FormFile): string[] {
  const names = new Set<string>();
  const visit = (components: readonly FormComponent[]) => {
    for (const component of components) {
      if (component.type === 'dynamiclist' && component.path) names.add(component.path);
      if (component.type === 'text' && component.text) for (const match of component.text.matchAll(TEMPLATE)) names.add(match[1]!);
      if (component.components) visit(component.components);
    }
  };
  visit(form.components);
  return [...names];
}
