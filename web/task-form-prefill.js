// What the workbench fills in a task's form from what GET /tasks/:key tells it, so nobody types
// what the system already knows. The .form files stay as Camunda Tasklist renders them; the page
// renders a copy with its rows fixed to the ones the API takes.
import { bodyLabel } from './body-proposal.js';
import { both, categoryNames } from './labels.js';
import { verdictNames } from './standard-review.js';

/** The form to render (form-js schema) and its starting data. */
export function prefilledForm(task) {
  if (task.declarations) return panelScoring(task.form, task.declarations);
  if (task.keyListProposal) return keyListFromProposal(task.form, task.keyListProposal);
  if (task.bodyProposal) return bodyChoice(task.form, task.bodyProposal.bodies, task.bodyProposal.proposedBodyId);
  if (task.activeBodies) return bodyChoice(task.form, task.activeBodies);
  if (task.standardReview) return proposalInWords(task.form, task.formData?.standardProposal);
  return { schema: task.form, data: {} };
}

/** A copy of the form (a JSON document) and its dynamic list at `path`, if it has one. */
function copyWithList(form, path) {
  const schema = JSON.parse(JSON.stringify(form));
  return { schema, list: schema.components.find((c) => c.type === 'dynamiclist' && c.path === path) };
}

/**
 * An expert's scoring form: one sheet per declaration of his panel, its number filled in, none
 * to add or remove, since the API takes exactly his panel's sheets.
 */
function panelScoring(form, declarations) {
  const { schema, list } = copyWithList(form, 'scores');
  if (!list) return { schema: form, data: {} };
  list.allowAddRemove = false;
  list.defaultRepetitions = declarations.length;
  return { schema, data: { scores: declarations.map((declarationNumber) => ({ declarationNumber })) } };
}

/**
 * The office's key-cultivation list: one row per ranked declaration in rank order, the proposed
 * ones ticked (`selected` is null until decided), each with its rank, enterprise, product and
 * score and every panel member's total and opinion shown above its box. Rows are neither added
 * nor removed (the API takes every ranked declaration once) and their numbers are fixed: the
 * office ticks and unticks. The shown facts are form-js tables (text escaped), not fields, so
 * only `declarationNumber` and `selected` are sent, as the .form has them.
 */
function keyListFromProposal(form, proposal) {
  const { schema, list } = copyWithList(form, 'keyList');
  if (!list) return { schema: form, data: {} };
  list.allowAddRemove = false;
  list.defaultRepetitions = proposal.length;
  for (const field of list.components) if (field.key === 'declarationNumber') field.readonly = true;
  schema.components.splice(schema.components.indexOf(list), 0, {
    type: 'text',
    id: 'key-list-preselected',
    text: '建议列入的申报已预先勾选，取消勾选即不列入名单。 / The proposed declarations start ticked: untick one to leave it off the list.',
  });
  list.components.unshift(
    { type: 'text', id: 'field-keyList-rank', text: '#### 第 {{this.rank}} 名 / rank {{this.rank}}' },
    {
      type: 'table',
      id: 'field-keyList-facts',
      label: '申报与得分 / Declaration and score',
      dataSource: '=this.facts',
      columns: [
        { label: '企业 / Enterprise', key: 'enterpriseName' },
        { label: '产品 / Product', key: 'productName' },
        { label: '类别 / Category', key: 'category' },
        { label: '得分 / Score', key: 'score' },
      ],
    },
    {
      type: 'table',
      id: 'field-keyList-sheets',
      label: '评审组评分与意见 / The panel\'s totals and opinions',
      dataSource: '=this.sheets',
      columns: [
        { label: '专家 / Expert', key: 'expertName' },
        { label: '总分 / Total', key: 'total' },
        { label: '意见 / Opinion', key: 'opinion' },
      ],
    },
  );
  const keyList = proposal.map((r) => ({
    declarationNumber: r.declarationNumber,
    selected: r.selected ?? true,
    rank: r.rank,
    facts: [{ enterpriseName: r.enterpriseName, productName: r.productName, category: both(categoryNames[r.category], r.category), score: r.score.toFixed(2) }],
    sheets: r.sheets.map((s) => ({ expertName: s.expertName, total: String(s.total), opinion: s.opinion ?? '未写意见 / no opinion' })),
  }));
  return { schema, data: { keyList } };
}

/**
 * A body's task, the enterprise's choice or the secretariat's arrangement: the active bodies to
 * choose from by name (radio buttons for the .form's code field; the value sent is still the code
 * the API checks), each with its load only where the API sent one (the secretariat's; the
 * enterprise chooses freely). The proposed body, if any, starts chosen and its name replaces its
 * code in the form's text; without one nothing is chosen.
 */
function bodyChoice(form, bodies, proposedBodyId) {
  if (bodies.length === 0) return { schema: form, data: {} };
  const schema = JSON.parse(JSON.stringify(form));
  const index = schema.components.findIndex((c) => c.key === 'certificationBodyId');
  if (index < 0) return { schema: form, data: {} };
  const field = schema.components[index];
  schema.components[index] = {
    type: 'radio',
    key: field.key,
    id: field.id,
    label: field.label,
    validate: { required: true },
    values: bodies.map((b) => ({ label: b.inProgress === undefined ? bodyLabel(b) : `${bodyLabel(b)} · 在审认证 ${b.inProgress} 项 / ${b.inProgress} in progress`, value: b.id })),
  };
  if (proposedBodyId === undefined) return { schema, data: {} };
  for (const c of schema.components) if (c.type === 'text') c.text = c.text.replaceAll('{{proposedBodyId}}', '{{proposedBody}}');
  const proposed = bodies.find((b) => b.id === proposedBodyId);
  return {
    schema,
    data: {
      proposedBody: proposed ? bodyLabel(proposed) : (proposedBodyId ?? '—'),
      ...(proposed ? { certificationBodyId: proposed.id } : {}),
    },
  };
}

/**
 * The institute's form names the proposal by its code (`{{standardProposal}}`, as Tasklist shows
 * it): the page shows the verdict in words instead. The three judgements are left to the institute.
 */
function proposalInWords(form, code) {
  const pair = code === 'NONE' ? ['无自动比对建议', 'no proposal'] : verdictNames[code];
  if (!pair) return { schema: form, data: {} };
  const schema = JSON.parse(JSON.stringify(form));
  for (const c of schema.components) if (c.type === 'text') c.text = c.text.replaceAll('{{standardProposal}}', '{{standardProposalName}}');
  return { schema, data: { standardProposalName: both(pair, code) } };
}
