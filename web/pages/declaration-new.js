import { ApiError, api, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { attachmentsPanel } from '../attachments-panel.js';
import { categorySelect, factsForm, idOf } from '../declaration-form.js';
import { errorDisplay, errorSlotFor } from '../field-errors.js';
import { beijingDateTime } from '../format.js';
import { ownEnterprise } from './enterprise-registration.js';

/**
 * `/declarations/new` (and `?draft=<id>`): an enterprise declares a product. Saving keeps a draft
 * (POST, then PATCH); once saved, the evidence is uploaded to the draft; submitting saves and then
 * submits it, which numbers it, makes the draft's files the declaration's and starts its case.
 * The API checks everything; its field errors land beside their fields.
 */
export async function renderDeclarationNew(view, ctx) {
  const draftId = ctx.query.get('draft');
  const draft = draftId ? await get(`/declarations/drafts/${encodeURIComponent(draftId)}`) : null;
  const campaigns = await get('/campaigns');
  const open = campaigns.find((c) => c.status === 'OPEN');
  const year = draft?.campaignYear ?? open?.year;
  // A member unit recommends an enterprise no city put forward: it names the enterprise.
  const memberUnit = ctx.user.role === 'member_unit';
  view.append(memberUnit ? pageTitle('成员单位补充推荐', 'Supplementary declaration by a member unit') : pageTitle(draft ? '修改申报草稿' : '申报产品', draft ? 'Edit a declaration draft' : 'Declare a product'));
  if (!year) {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...zhEn('目前没有开放申报的年度。', 'No campaign is open for declarations.'))));
    return;
  }
  // An enterprise declares once its county has confirmed its registration.
  const enterprise = ctx.user.role === 'enterprise' ? await ownEnterprise(ctx.user) : undefined;
  if (enterprise !== undefined && enterprise?.status !== 'CONFIRMED') {
    view.append(h('div', { class: 'panel', id: 'register-first' }, h('p', {}, ...(enterprise ? zhEn('本企业的登记尚待所在县（市、区）确认，确认后即可申报。', 'Your registration awaits your county’s confirmation; you may declare once it is confirmed.') : zhEn('申报前请先登记本企业。', 'Register your enterprise before declaring.'))), h('p', {}, h('a', { class: 'button', href: '/enterprise' }, ...zhEn('企业登记', 'Enterprise registration')))));
    return;
  }
  if (draft?.status === 'SUBMITTED') return ctx.navigate(`/declarations/${draft.declarationNumber}`, { replace: true });
  if (draft && draft.status !== 'DRAFT') {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...zhEn('此草稿已放弃，不能再修改或提交。', 'This draft was declined: it can no longer change or be submitted.'))));
    return;
  }

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const saved = h('p', { id: 'draft-state', role: 'status' }, draft ? zhEn(`草稿已保存于 ${beijingDateTime(draft.updatedAt)}`, 'Draft saved') : zhEn('尚未保存', 'Not saved yet'));
  const productName = h('input', { id: idOf('/productName'), name: 'productName', maxlength: '200', value: draft?.productName ?? '', autocomplete: 'off' });
  const category = categorySelect(draft?.category);
  const enterpriseId = memberUnit ? h('input', { id: idOf('/enterpriseId'), name: 'enterpriseId', maxlength: '18', autocomplete: 'off', value: draft?.enterpriseId ?? '', readonly: Boolean(draft) }) : null;
  const enterpriseSlot = enterpriseId ? errorSlotFor(enterpriseId) : null;
  const facts = factsForm(year, draft?.facts ?? {});
  facts.showCategory(category.value);
  category.addEventListener('change', () => facts.showCategory(category.value));

  const fields = new Map(facts.fields);
  const nameSlot = errorSlotFor(productName);
  const categorySlot = errorSlotFor(category);
  fields.set('/productName', { input: productName, label: '产品名称 / Product name', errorSlot: nameSlot });
  fields.set('/category', { input: category, label: '申报类别 / Category', errorSlot: categorySlot });
  fields.set('/facts/category', fields.get('/category'));
  if (enterpriseId) fields.set('/enterpriseId', { input: enterpriseId, label: '被推荐企业的统一社会信用代码 / Credit code of the enterprise', errorSlot: enterpriseSlot });
  const errors = errorDisplay(summary, fields);

  const saveButton = h('button', { type: 'button', class: 'button-secondary', id: 'save-draft' }, ...zhEn('保存草稿', 'Save draft'));
  const submitButton = h('button', { type: 'submit', id: 'submit-declaration' }, ...zhEn('提交申报', 'Submit the declaration'));
  const form = h(
    'form',
    { novalidate: true, id: 'declaration-form' },
    summary,
    h(
      'fieldset',
      { class: 'panel form-section' },
      h('legend', {}, ...zhEn(`${year} 年度申报`, `Campaign ${year}`)),
      enterpriseId ? h('div', { class: 'form-row' }, h('label', { for: enterpriseId.id }, ...zhEn('被推荐企业的统一社会信用代码', 'Credit code of the enterprise recommended')), enterpriseId, enterpriseSlot) : null,
      h('div', { class: 'form-row' }, h('label', { for: productName.id }, ...zhEn('产品名称', 'Product name')), productName, nameSlot),
      h('div', { class: 'form-row' }, h('label', { for: category.id }, ...zhEn('申报类别', 'Category')), category, categorySlot),
    ),
    facts.element,
    h('div', { class: 'actions' }, saveButton, submitButton),
    saved,
  );
  // The evidence goes with the draft: the materials check reads the files, not a list of them.
  const materials = h('div', { id: 'draft-materials' });
  view.append(
    h('p', {}, ...zhEn('请如实填写申报书（附件1）的内容，并上传证明材料：资格审查只认已上传的文件。提交前可随时保存草稿。', 'Fill in the declaration form (Attachment 1) truthfully and upload the evidence: the eligibility check counts only the files uploaded. Save a draft at any time before submitting.')),
    form,
    materials,
  );

  let current = draft;
  const rules = await get('/attachments/rules');
  /** The draft's files and the upload form; before the first save, a word on why there is none. */
  async function showMaterials(flash) {
    if (!current) {
      materials.replaceChildren(h('section', { class: 'panel', id: 'attachments' }, h('h2', {}, ...zhEn('证明材料', 'Evidence files')), h('p', { id: 'save-to-upload' }, ...zhEn('保存草稿后即可上传证明材料。', 'Save the draft to upload the evidence.'))));
      return;
    }
    const id = current.id;
    const attachments = await get(`/declarations/drafts/${id}/attachments`);
    materials.replaceChildren(
      attachmentsPanel({
        attachments,
        rules,
        uploadUrl: `/declarations/drafts/${id}/attachments`,
        kinds: rules.kinds,
        intro: [h('p', { class: 'hint' }, ...zhEn('每类材料至少上传一个文件；提交申报时，这些文件随申报一并提交。', 'Upload at least one file of each kind; they go with the declaration when it is submitted.'))],
        onUploaded: (uploaded) => showMaterials(zhEn(`已上传“${uploaded.fileName}”。`, `Uploaded ${uploaded.fileName}.`)),
      }),
    );
    if (flash) materials.querySelector('#attachments h2')?.after(h('div', { class: 'notice', role: 'status', id: 'upload-notice' }, ...flash));
  }
  await showMaterials();
  const body = () => {
    const chosen = category.value || undefined;
    return { productName: productName.value.trim(), category: chosen, facts: { ...facts.read(chosen), category: chosen } };
  };

  /** Saves the draft: created the first time, then changed; the address then names it. */
  async function save() {
    const { productName: name, category: chosen, facts: values } = body();
    if (current) {
      current = await api('PATCH', `/declarations/drafts/${current.id}`, { productName: name, ...(chosen ? { category: chosen } : {}), facts: values });
    } else {
      const named = enterpriseId ? { enterpriseId: enterpriseId.value.trim() || undefined } : {};
      current = await post('/declarations', { campaignYear: year, productName: name, category: chosen, facts: values, ...named });
      history.replaceState(null, '', `/declarations/new?draft=${current.id}`);
      await showMaterials();
    }
    saved.replaceChildren(...zhEn(`草稿已保存于 ${beijingDateTime(current.updatedAt)}`, 'Draft saved'));
  }

  async function run(button, work) {
    saveButton.disabled = submitButton.disabled = true;
    errors.clear();
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    } finally {
      saveButton.disabled = submitButton.disabled = false;
    }
    return button;
  }

  saveButton.addEventListener('click', () =>
    run(saveButton, async () => {
      await save();
      announce('草稿已保存 / draft saved');
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(submitButton, async () => {
      await save();
      const submitted = await post(`/declarations/drafts/${current.id}/submit`);
      // The draft's files went with it; the enterprise follows its declaration, a member unit the case.
      if (memberUnit) await ctx.navigate(`/cases/${submitted.number}`, { flash: zhEn(`补充推荐已提交，编号 ${submitted.number}。`, `Submitted as ${submitted.number}.`) });
      else await ctx.navigate(`/declarations/${submitted.number}`, { flash: zhEn(`申报已提交，编号 ${submitted.number}。`, `Submitted as ${submitted.number}.`) });
    });
  });
}
