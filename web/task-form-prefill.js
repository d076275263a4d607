// What the workbench fills in a task's form from what GET /tasks/:key tells it, so nobody types
// what the system already knows. The .form files stay as Camunda Tasklist renders them.

/**
 * The form to render and its starting data. An expert's scoring form (`task.declarations`, his
 * panel's declarations) gets one sheet per declaration with its number filled in and fixed: no
 * sheet to add or remove, no number to type, since the API takes exactly his panel's.
 */
export function prefilledForm(task) {
  if (!task.declarations) return { schema: task.form, data: {} };
  // A copy: the .form document is JSON, and the task's own stays as the API sent it.
  const schema = JSON.parse(JSON.stringify(task.form));
  const scores = schema.components.find((c) => c.type === 'dynamiclist' && c.path === 'scores');
  if (!scores) return { schema: task.form, data: {} };
  scores.allowAddRemove = false;
  scores.defaultRepetitions = task.declarations.length;
  for (const field of scores.components) if (field.key === 'declarationNumber') field.readonly = true;
  return { schema, data: { scores: task.declarations.map((declarationNumber) => ({ declarationNumber })) } };
}
