// The declaration form (Attachment 1, 申报书) as the eligibility input's facts: one section per
// top-level fact, each field named by the JSON pointer the API uses in its field errors, so an
// error lands beside its field. The correction page reuses the sections its reasons name.
import { h, zhEn } from './dom.js';
import { errorSlotFor } from './field-errors.js';
import { entityTypeNames, evidenceNames, littleGiantLevelNames, productClassNames, standardKindNames, subIndustryNames } from './declaration-labels.js';
import { categoryNames } from './labels.js';

// The reports by year are uploaded with their year, never ticked on the list.
const listedEvidenceNames = Object.fromEntries(Object.entries(evidenceNames).filter(([kind]) => kind !== 'AUDITED_FINANCIAL_REPORT' && kind !== 'FINANCIAL_STATEMENTS'));

const idOf = (pointer) => `f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The sections of the form; `facts` names the top-level facts a section writes. */
function sections(year) {
  const r = year - 1;
  return [
    {
      facts: ['entityType', 'littleGiantLevel', 'establishedDate', 'normalOperation'],
      title: ['申报主体', 'The declaring entity'],
      fields: [
        { pointer: '/facts/entityType', label: ['申报主体类型', 'Type of entity'], type: 'select', options: entityTypeNames },
        { pointer: '/facts/littleGiantLevel', label: ['“小巨人”认定级别（仅“小巨人”企业）', 'Little-giant level (little giants only)'], type: 'select', options: littleGiantLevelNames, optional: true },
        { pointer: '/facts/establishedDate', label: ['依法成立日期（农业、服务业）', 'Date established (agriculture, services)'], type: 'date' },
        { pointer: '/facts/normalOperation', label: ['正常经营', 'Operating normally'], type: 'checkbox' },
      ],
    },
    {
      facts: ['manufacturing'],
      only: 'MANUFACTURING',
      title: ['制造业情况', 'Manufacturing'],
      fields: [
        { pointer: '/facts/manufacturing/productClass', label: ['产品类别', 'Product class'], type: 'select', options: productClassNames },
        { pointer: '/facts/manufacturing/registeredInJiangsu', label: ['在江苏省内注册', 'Registered in Jiangsu'], type: 'checkbox' },
        { pointer: '/facts/manufacturing/hasFixedProductionSite', label: ['有固定生产场所', 'Has a fixed production site'], type: 'checkbox' },
        { pointer: '/facts/manufacturing/massProductionStart', label: ['申报产品批量生产开始日期', 'Mass production began on'], type: 'date' },
        {
          pointer: '/facts/manufacturing/profitAndTaxYuan',
          label: ['经审计的利税（元）', 'Audited profit and tax (yuan)'],
          type: 'yearAmounts',
          years: [r - 2, r - 1, r],
        },
      ],
    },
    {
      facts: ['agriculture'],
      only: 'AGRICULTURE',
      title: ['农业情况', 'Agriculture'],
      fields: [
        { pointer: '/facts/agriculture/subIndustry', label: ['细分行业', 'Sub-industry'], type: 'select', options: subIndustryNames },
        { pointer: '/facts/agriculture/contiguousAreaMu', label: ['集中连片种植（林）面积（亩）', 'Contiguous planted area (mu)'], type: 'number' },
        { pointer: '/facts/agriculture/isGeographicalIndication', label: ['地理标志产品', 'Geographical indication product'], type: 'checkbox' },
      ],
    },
    {
      facts: ['sales'],
      title: [`${r} 年销售额`, `Sales in ${r}`],
      fields: [
        { pointer: '/facts/sales/year', label: ['销售额所属年度', 'Year of the sales'], type: 'number', value: r },
        { pointer: '/facts/sales/declaredProductYuan', label: ['申报产品销售额（元）', 'Sales of the declared product (yuan)'], type: 'number' },
        { pointer: '/facts/sales/enterpriseYuan', label: ['企业销售额（元）', 'Sales of the enterprise (yuan)'], type: 'number' },
      ],
    },
    {
      facts: ['implementationStandard'],
      title: ['执行标准', 'Implementation standard'],
      fields: [
        { pointer: '/facts/implementationStandard/code', label: ['执行标准号', 'Standard number'], type: 'text', placeholder: 'GB/T 19001-2016' },
        { pointer: '/facts/implementationStandard/kind', label: ['标准类别', 'Kind of standard'], type: 'select', options: standardKindNames },
      ],
    },
    {
      facts: ['generalConditions', 'timeHonouredBrand'],
      title: ['基本条件', 'General conditions'],
      fields: [
        { pointer: '/facts/generalConditions/independentLegalPerson', label: ['独立法人', 'Independent legal person'], type: 'checkbox' },
        { pointer: '/facts/generalConditions/ownValidDomesticTrademark', label: ['拥有有效的国内注册商标', 'Owns a valid domestic trademark'], type: 'checkbox' },
        { pointer: '/facts/generalConditions/noQualitySafetyEnvViolationsLast3Years', label: ['近三年无质量、安全、环保违法记录', 'No quality, safety or environmental violations in 3 years'], type: 'checkbox' },
        { pointer: '/facts/timeHonouredBrand', label: ['省级及以上老字号', 'Provincial-or-above time-honoured brand'], type: 'checkbox' },
      ],
    },
    {
      facts: ['evidence'],
      title: ['证明材料清单', 'Evidence'],
      // The audited reports are files, one per year, so the form asks for no list of years.
      hint: [
        `勾选拟提交的材料，供自己核对；资格审查只认已上传的文件，请在下方“证明材料”中上传（草稿须先保存）。经审计财务报告每年一份，按年度上传：制造业 ${r - 2}–${r} 年，其他类别 ${r} 年。`,
        `Tick the materials you hand in, as your own checklist: the eligibility check counts only the files uploaded, under “Evidence files” below (save the draft first). Audited financial reports go one file per year: ${r - 2}–${r} for manufacturing, ${r} otherwise.`,
      ],
      fields: [{ pointer: '/facts/evidence', label: ['已提交的证明材料', 'Evidence present'], type: 'codes', options: listedEvidenceNames }],
    },
  ];
}

function pointerGet(object, pointer) {
  return pointer
    .split('/')
    .slice(2)
    .reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), object);
}

function pointerSet(object, pointer, value) {
  const keys = pointer.split('/').slice(2);
  let node = object;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

// A number as typed; what is not a number goes to the API as it is, which names the field.
const numberOf = (text) => (text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

/** One field: its label, its control(s), its error slot; `read()` gives its value or undefined. */
function fieldControl(spec, facts) {
  const id = idOf(spec.pointer);
  const current = pointerGet(facts, spec.pointer);
  const label = `${spec.label[0]} / ${spec.label[1]}`;
  if (spec.type === 'checkbox') {
    const input = h('input', { type: 'checkbox', id, name: spec.pointer, checked: current === true });
    const slot = errorSlotFor(input);
    return { input, label, slot, element: h('div', { class: 'form-row check-row' }, input, ' ', h('label', { for: id }, ...zhEn(...spec.label)), slot), read: () => input.checked };
  }
  if (spec.type === 'codes') {
    const values = Object.entries(spec.options);
    const boxes = values.map(([value, names]) => {
      const box = h('input', { type: 'checkbox', id: `${id}-${value}`, value: String(value), checked: Array.isArray(current) && current.map(String).includes(String(value)) });
      return { box, element: h('li', {}, box, ' ', h('label', { for: box.id }, ...zhEn(...names))) };
    });
    const group = h('fieldset', { class: 'form-row choices', id, tabindex: '-1' }, h('legend', {}, ...zhEn(...spec.label)), h('ul', {}, boxes.map((b) => b.element)));
    const slot = errorSlotFor(group);
    group.append(slot);
    const read = () => boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    return { input: group, label, slot, element: group, read };
  }
  if (spec.type === 'yearAmounts') {
    const rows = spec.years.map((year, index) => {
      const found = Array.isArray(current) ? current.find((x) => x.year === year) : undefined;
      const input = h('input', { id: `${id}-${index}`, inputmode: 'numeric', value: found ? String(found.yuan) : '' });
      return { year, input, element: h('div', { class: 'form-row inline' }, h('label', { for: input.id }, ...zhEn(`${year} 年`, String(year))), input) };
    });
    const group = h('fieldset', { class: 'form-row', id, tabindex: '-1' }, h('legend', {}, ...zhEn(...spec.label)), rows.map((r) => r.element));
    const slot = errorSlotFor(group);
    group.append(slot);
    const read = () => {
      const filled = rows.filter((r) => r.input.value.trim() !== '').map((r) => ({ year: r.year, yuan: numberOf(r.input.value) }));
      return filled.length ? filled : undefined;
    };
    return { input: group, label, slot, element: group, read };
  }
  let input;
  if (spec.type === 'select') {
    input = h('select', { id, name: spec.pointer }, h('option', { value: '' }, spec.optional ? '不适用 / not applicable' : '请选择 / choose'), Object.entries(spec.options).map(([code, names]) => h('option', { value: code, selected: current === code }, `${names[0]} / ${names[1]}`)));
  } else {
    const value = current ?? spec.value;
    input = h('input', {
      id,
      name: spec.pointer,
      type: spec.type === 'date' ? 'date' : 'text',
      inputmode: spec.type === 'number' ? 'decimal' : undefined,
      placeholder: spec.placeholder,
      value: value === undefined ? '' : String(value),
    });
  }
  const slot = errorSlotFor(input);
  const read = () => (spec.type === 'number' ? numberOf(input.value) : input.value.trim() === '' ? undefined : input.value.trim());
  return { input, label, slot, element: h('div', { class: 'form-row' }, h('label', { for: id }, ...zhEn(...spec.label)), input, slot), read };
}

/**
 * The facts' part of the form for `year`, filled from `facts`. `only` (a list of top-level fact
 * names) keeps the sections that write them: the correction shows only what its reasons name.
 * Returns the element, the fields by pointer (for errorDisplay), `read(category)` (the facts
 * object) and `showCategory(category)` (the category's own section shown, the others hidden).
 */
export function factsForm(year, facts = {}, only = null) {
  const fields = new Map();
  const built = sections(year)
    .filter((section) => !only || section.facts.some((f) => only.includes(f)))
    .map((section) => {
      const controls = section.fields.filter((f) => !only || only.includes(f.pointer.split('/')[2])).map((spec) => ({ spec, control: fieldControl(spec, facts) }));
      for (const { spec, control } of controls) fields.set(spec.pointer, { input: control.input, label: control.label, errorSlot: control.slot });
      const element = h(
        'fieldset',
        { class: 'panel form-section' },
        h('legend', {}, ...zhEn(...section.title)),
        section.hint ? h('p', { class: 'hint' }, ...zhEn(...section.hint)) : null,
        controls.map((c) => c.control.element),
      );
      return { section, controls, element };
    });

  function read(category) {
    const result = {};
    for (const { section, controls } of built) {
      if (section.only && category && section.only !== category) continue;
      for (const { spec, control } of controls) {
        const value = control.read();
        if (value !== undefined) pointerSet(result, spec.pointer, value);
      }
    }
    return result;
  }

  function showCategory(category) {
    for (const { section, element } of built) element.hidden = Boolean(section.only && category && section.only !== category);
  }

  return { element: h('div', {}, built.map((b) => b.element)), fields, read, showCategory };
}

/** The category select (the declaration's and its facts' category, one choice). */
export function categorySelect(current) {
  return h('select', { id: idOf('/category'), name: 'category' }, h('option', { value: '' }, '请选择 / choose'), Object.entries(categoryNames).map(([code, names]) => h('option', { value: code, selected: current === code }, `${names[0]} / ${names[1]}`)));
}

export { idOf };
