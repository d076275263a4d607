// The evidence files of a declaration or of a draft, and the form that uploads one: the same
// panel on the enterprise's declaration page and on its draft, so the rules shown and the errors
// said are the same wherever the files go.
import { ApiError } from './api.js';
import { contentTypeNames, evidenceNames, fileSize } from './declaration-labels.js';
import { announce, h, zhEn } from './dom.js';
import { errorDisplay, errorSlotFor } from './field-errors.js';
import { beijingDateTime } from './format.js';
import { both } from './labels.js';
import { uploadWithProgress } from './upload.js';

/**
 * The attachments and the upload form, with its limits shown and the upload's progress.
 * `kinds` null: the list only (nothing more is taken). `downloadUrl` absent: names without links.
 * `onUploaded(attachment)` once the API has kept a file.
 * A financial report (a kind in `rules.yearlyKinds`) is one file per year, so for those kinds the
 * form asks which year the file reports on.
 * @param {{ attachments: any[], rules: { maxBytes: number, contentTypes: string[], kinds: string[], yearlyKinds: string[] }, uploadUrl: string,
 *   downloadUrl?: (a: any) => string, kinds: string[] | null, onUploaded: (a: any) => Promise<void> | void, intro?: Node[] }} options
 */
export function attachmentsPanel({ attachments, rules, uploadUrl, downloadUrl, kinds, onUploaded, intro = [] }) {
  const panel = h('section', { class: 'panel', id: 'attachments', 'aria-labelledby': 'attachments-title' }, h('h2', { id: 'attachments-title' }, ...zhEn('证明材料', 'Evidence files')), ...intro);
  if (attachments.length) {
    panel.append(
      h('table', { class: 'cards', id: 'attachment-list' },
        h('caption', { class: 'visually-hidden' }, '已上传的材料 / uploaded files'),
        h('thead', {}, h('tr', {}, ['材料类别 / Kind', '文件 / File', '大小 / Size', '上传时间 / Uploaded'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, attachments.map((a) => h('tr', {},
          h('td', { 'data-label': '材料类别 / Kind' }, both(evidenceNames[a.kind], a.kind), a.reportYear ? ` （${a.reportYear} 年度 / ${a.reportYear}）` : ''),
          h('td', { 'data-label': '文件 / File' }, downloadUrl ? h('a', { href: downloadUrl(a), download: a.fileName }, a.fileName) : a.fileName),
          h('td', { 'data-label': '大小 / Size' }, fileSize(a.size)),
          h('td', { 'data-label': '上传时间 / Uploaded' }, beijingDateTime(a.uploadedAt)))))),
    );
  } else {
    panel.append(h('p', {}, ...zhEn('尚未上传材料。', 'No files uploaded yet.')));
  }
  if (!kinds) return panel;

  const typeNames = rules.contentTypes.map((t) => contentTypeNames[t] ?? t);
  const kind = h('select', { id: 'upload-kind', name: 'kind' }, kinds.map((k) => h('option', { value: k }, both(evidenceNames[k], k))));
  // The last ten years, newest first: a report older than that serves no threshold.
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const year = h('select', { id: 'upload-year', name: 'reportYear' }, Array.from({ length: 10 }, (_, i) => thisYear - 1 - i).map((y) => h('option', { value: String(y) }, `${y} 年度 / ${y}`)));
  const yearSlot = errorSlotFor(year);
  const yearRow = h('div', { class: 'form-row', id: 'upload-year-row' }, h('label', { for: year.id }, ...zhEn('报告所属年度', 'Year the report covers')), year, yearSlot);
  const showYear = () => {
    yearRow.hidden = !rules.yearlyKinds.includes(kind.value);
  };
  kind.addEventListener('change', showYear);
  showYear();
  const file = h('input', { type: 'file', id: 'upload-file', name: 'file', accept: rules.contentTypes.join(','), 'aria-describedby': 'upload-limits' });
  const kindSlot = errorSlotFor(kind);
  const fileSlot = errorSlotFor(file);
  const progress = h('progress', { id: 'upload-progress', max: '100', value: '0', hidden: true, 'aria-label': '上传进度 / upload progress' });
  const progressText = h('span', { id: 'upload-progress-text', role: 'status' });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(
    summary,
    new Map([
      ['/kind', { input: kind, label: '材料类别 / Kind', errorSlot: kindSlot }],
      ['/reportYear', { input: year, label: '报告所属年度 / Year the report covers', errorSlot: yearSlot }],
      ['/file', { input: file, label: '文件 / File', errorSlot: fileSlot }],
    ]),
  );
  const button = h('button', { type: 'submit', id: 'upload-button' }, ...zhEn('上传', 'Upload'));
  // Its own form, never nested in the draft's: uploading does not save or submit the draft.
  const form = h(
    'form',
    { novalidate: true, id: 'upload-form' },
    h('h3', {}, ...zhEn('上传材料', 'Upload a file')),
    summary,
    h('p', { id: 'upload-limits', class: 'hint' }, ...zhEn(`每个文件不超过 ${fileSize(rules.maxBytes)}，限 ${typeNames.join('、')} 格式。`, `One file at a time, at most ${fileSize(rules.maxBytes)}; ${typeNames.join(', ')} only.`)),
    h('div', { class: 'form-row' }, h('label', { for: kind.id }, ...zhEn('材料类别', 'Kind of material')), kind, kindSlot),
    yearRow,
    h('div', { class: 'form-row' }, h('label', { for: file.id }, ...zhEn('选择文件', 'Choose a file')), file, fileSlot),
    h('div', { class: 'actions' }, button, progress, progressText),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const chosen = file.files?.[0];
    // Said before a byte leaves, from the limits the API gave; the API checks again.
    if (chosen && chosen.size > rules.maxBytes) {
      errors.show(new ApiError(413, { detail: '', errors: [{ field: '/file', rule: 'maxSize', message: `${fileSize(chosen.size)} > ${fileSize(rules.maxBytes)}` }] }));
      return;
    }
    const body = new FormData();
    body.append('kind', kind.value);
    if (!yearRow.hidden) body.append('reportYear', year.value);
    if (chosen) body.append('file', chosen, chosen.name);
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    try {
      const uploaded = await uploadWithProgress(uploadUrl, body, (sent, total) => {
        const percent = Math.round((sent / total) * 100);
        progress.value = percent;
        progressText.textContent = `已上传 ${percent}% / ${percent}% sent`;
      });
      announce(`已上传 ${uploaded.fileName} / uploaded`);
      await onUploaded(uploaded);
    } catch (error) {
      button.disabled = false;
      progress.hidden = true;
      progressText.textContent = '';
      if (error instanceof ApiError) errors.show(error.fields.size ? error : new ApiError(error.status, { detail: error.message, errors: [{ field: '/file', rule: String(error.status), message: error.message }] }));
      else throw error;
    }
  });
  panel.append(form);
  return panel;
}
