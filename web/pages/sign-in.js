import { ApiError, post } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';

/** Sign-in for users the office created (`jingpin users add`): name and password, a session cookie. */
export function renderSignIn(view, ctx) {
  const next = ctx.query.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  if (ctx.user) return ctx.navigate(target, { replace: true });

  const error = h('div', { id: 'sign-in-error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, maxlength: '64', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '200' });
  const button = h('button', { type: 'submit' }, ...zhEn('登录', 'Sign in'));
  const form = h(
    'form',
    { class: 'panel', novalidate: true, 'aria-describedby': 'sign-in-error' },
    error,
    h('div', { class: 'form-row' }, h('label', { for: 'username' }, ...zhEn('用户名', 'User name')), username),
    h('div', { class: 'form-row' }, h('label', { for: 'password' }, ...zhEn('密码', 'Password')), password),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    if (!username.value || !password.value) {
      error.replaceChildren(h('p', { class: 'field-error' }, ...zhEn('请填写用户名和密码。', 'Enter your user name and password.')));
      (username.value ? password : username).focus();
      return;
    }
    button.disabled = true;
    try {
      const session = await post('/session', { username: username.value, password: password.value });
      ctx.signedIn(session);
      await ctx.navigate(target, { replace: true });
    } catch (failure) {
      const text = failure instanceof ApiError && failure.status === 401 ? zhEn('用户名或密码错误。', 'Wrong user name or password.') : [failure.message];
      error.replaceChildren(h('p', { class: 'field-error' }, ...text));
      password.value = '';
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  view.append(h('div', { class: 'sign-in' }, pageTitle('登录', 'Sign in'), form, h('p', {}, ...zhEn('账号由省质委办开设。', 'Accounts are opened by the provincial office.'))));
}
