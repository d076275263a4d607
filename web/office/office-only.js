import { renderNotFound } from '../pages/not-found.js';

/**
 * The provincial office's pages: anyone else gets the not-found page, as the API would answer a
 * page of another's (its 403 would only tell him the page exists).
 */
export function officeOnly(view, ctx) {
  if (ctx.user?.role === 'provincial_office') return true;
  renderNotFound(view);
  return false;
}
