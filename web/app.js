// The workbench's entry: who is signed in, which page the address names, and moving between
// pages without reloading (links are plain <a href>, so they also work opened in a new tab).
import { ApiError, get, post, setCsrfToken } from './api.js';
import { h, zhEn } from './dom.js';
import { roleNames } from './labels.js';
import { renderSignIn } from './pages/sign-in.js';
import { renderInbox } from './pages/inbox.js';
import { renderTask } from './pages/task.js';
import { renderCase } from './pages/case.js';
import { renderDeclarations } from './pages/declarations.js';
import { renderNotFound } from './pages/not-found.js';
import { renderDeclarationNew } from './pages/declaration-new.js';
import { renderMyDeclaration } from './pages/my-declaration.js';
import { renderPublicity } from './pages/publicity.js';
import { renderAnnounced } from './pages/announced.js';
import { renderEnterpriseRegistration } from './pages/enterprise-registration.js';
import { renderCertificationResult } from './pages/certification-result.js';
import { renderCityBatches } from './pages/city-batches.js';
import { renderIncidents } from './office/incidents.js';
import { renderIncident } from './office/incident.js';
import { renderDashboard } from './office/dashboard.js';
import { renderDirectory } from './office/directory.js';
import { renderCampaigns } from './office/campaigns.js';
import { renderRuleSets } from './office/rule-sets.js';

const state = { user: null, flash: null };

const routes = [
  { pattern: /^\/$/, page: renderHome },
  { pattern: /^\/sign-in$/, page: renderSignIn, open: true },
  { pattern: /^\/inbox$/, page: renderInbox },
  { pattern: /^\/declarations$/, page: renderDeclarations },
  { pattern: /^\/tasks\/(?<key>[0-9]{1,20})$/, page: renderTask },
  { pattern: /^\/cases\/(?<number>[^/]+)\/tasks$/, page: (main, ctx) => renderCase(main, { ...ctx, tasksFirst: true }) },
  { pattern: /^\/cases\/(?<number>[^/]+)$/, page: renderCase },
  // The enterprise's pages, and the public's (open: no sign-in).
  { pattern: /^\/enterprise$/, page: renderEnterpriseRegistration },
  { pattern: /^\/declarations\/new$/, page: renderDeclarationNew },
  { pattern: /^\/declarations\/(?<number>JP-\d{4}-\d{6}-\d{4})$/, page: renderMyDeclaration },
  // The certification body's report of its result.
  { pattern: /^\/certifications\/(?<number>JP-\d{4}-\d{6}-\d{4})$/, page: renderCertificationResult },
  // The city's unified submission and its Attachment 4; the province reads every city's.
  { pattern: /^\/city-batches$/, page: renderCityBatches },
  { pattern: /^\/publicity$/, page: renderPublicity, open: true },
  { pattern: /^\/announced$/, page: renderAnnounced, open: true },
  { pattern: /^\/dashboard$/, page: renderDashboard },
  { pattern: /^\/incidents$/, page: renderIncidents },
  { pattern: /^\/incidents\/(?<key>[0-9]{1,20})$/, page: renderIncident },
  { pattern: /^\/campaigns$/, page: renderCampaigns },
  { pattern: /^\/rule-sets$/, page: renderRuleSets },
  { pattern: /^\/directory(?:\/(?<kind>[a-z-]{1,30}))?$/, page: renderDirectory },
];

function renderHome(_main, ctx) {
  ctx.navigate(state.user.role === 'enterprise' ? '/declarations' : '/inbox', { replace: true });
}

/** Opens a page by address; `replace` keeps the history entry (redirects). */
export function navigate(url, { replace = false, flash = null } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  state.flash = flash;
  return render();
}

function showUser() {
  const signedIn = state.user !== null;
  document.getElementById('site-nav').hidden = !signedIn;
  document.getElementById('user-box').hidden = !signedIn;
  document.getElementById('sign-in-link').hidden = signedIn || location.pathname === '/sign-in';
  const name = document.getElementById('user-name');
  name.textContent = '';
  if (signedIn) {
    const role = roleNames[state.user.role] ?? [state.user.role, state.user.role];
    name.append(state.user.username, ' · ', ...zhEn(role[0], role[1]), state.user.scope ? ` (${state.user.scope})` : '');
  }
  // Links for some roles only carry data-roles="role role…".
  for (const item of document.querySelectorAll('#site-nav [data-roles]')) item.hidden = !signedIn || !item.dataset.roles.split(' ').includes(state.user.role);
  for (const link of document.querySelectorAll('#site-nav a, #public-nav a')) {
    if (link.getAttribute('href') === location.pathname) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

let rendering = 0;
let firstRender = true;

async function render() {
  const run = ++rendering;
  const main = document.getElementById('main');
  const path = location.pathname;
  const route = routes.find((r) => r.pattern.test(path));
  showUser();
  if (route && !route.open && !state.user) {
    return navigate(`/sign-in?next=${encodeURIComponent(path + location.search)}`, { replace: true, flash: state.flash });
  }
  const view = h('div');
  const flash = state.flash;
  state.flash = null;
  if (flash) view.append(h('div', { class: 'notice', role: 'status' }, ...flash));
  const ctx = {
    user: state.user,
    params: route ? path.match(route.pattern).groups ?? {} : {},
    query: new URLSearchParams(location.search),
    navigate,
    // Work that needs the page in the document (the diagram measures its container).
    afterShown: [],
    signedIn: (session) => {
      state.user = session.user;
      setCsrfToken(session.csrfToken);
    },
  };
  try {
    await (route ? route.page(view, ctx) : renderNotFound(view));
  } catch (error) {
    if (run !== rendering) return;
    if (error instanceof ApiError && error.status === 404) {
      view.textContent = '';
      renderNotFound(view);
    } else if (error instanceof ApiError && error.status === 401) {
      return;
    } else {
      view.append(h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, ...zhEn('出错了', 'Something went wrong')), h('p', {}, error.message)));
    }
  }
  if (run !== rendering) return;
  main.replaceChildren(view);
  showUser();
  for (const shown of ctx.afterShown) shown();
  // After moving to another page, focus its heading, so a screen reader announces it and Tab
  // starts there. The first page a browser opens starts at the top, with the skip link, as usual.
  if (!firstRender) (main.querySelector('h1') ?? main).focus();
  firstRender = false;
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/docs') || url.pathname.startsWith('/vendor') || link.hasAttribute('download')) return;
  if (url.hash && url.pathname === location.pathname) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => render());

window.addEventListener('jingpin:signed-out', () => {
  if (!state.user) return;
  state.user = null;
  setCsrfToken(null);
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`, { replace: true, flash: zhEn('会话已结束，请重新登录。', 'Your session has ended: please sign in again.') });
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await post('/session/end');
  } finally {
    state.user = null;
    setCsrfToken(null);
    navigate('/sign-in', { flash: zhEn('您已退出。', 'You have signed out.') });
  }
});

async function boot() {
  try {
    const session = await get('/session');
    state.user = session.user;
    setCsrfToken(session.csrfToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  await render();
}

boot();
