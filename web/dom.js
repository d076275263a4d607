// Builds elements from data without innerHTML, so nothing a user typed can become markup.

/** h('a', { href: '/x', class: 'y' }, 'text', child): an element with attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** "中文 <span lang=en>English</span>" as nodes. */
export function zhEn(zh, en) {
  return [zh, ' ', h('span', { class: 'en', lang: 'en' }, en)];
}

/** A heading page title: sets document.title and returns the <h1>. */
export function pageTitle(zh, en) {
  document.title = `${zh} / ${en} · 江苏精品工作台`;
  return h('h1', { tabindex: '-1' }, ...zhEn(zh, en));
}

/** Says something to screen readers through the page's live region. */
export function announce(text) {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = '';
  setTimeout(() => (status.textContent = text), 50);
}
