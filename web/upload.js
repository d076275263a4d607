// An attachment upload with progress: fetch() reports no upload progress, XMLHttpRequest does.
// The same rules as api.js: the session's CSRF token, an Idempotency-Key, problem details as ApiError.
import { ApiError, currentCsrfToken } from './api.js';

/**
 * POSTs `form` (multipart) to `url`; `onProgress(sent, total)` as the bytes leave. Resolves to the
 * parsed answer, rejects with ApiError (status 0 when the network failed).
 */
export function uploadWithProgress(url, form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) request.setRequestHeader('x-csrf-token', token);
    request.setRequestHeader('idempotency-key', crypto.randomUUID());
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    // A small file may leave in one go without a progress event: the end of the upload says 100%.
    request.upload.addEventListener('load', (event) => onProgress(event.total || 1, event.total || 1));
    request.addEventListener('load', () => {
      let body;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else {
        if (request.status === 401) window.dispatchEvent(new CustomEvent('jingpin:signed-out'));
        reject(new ApiError(request.status, body));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, { detail: '网络不通，请稍后再试 / the network is unreachable, try again later' })));
    request.send(form);
  });
}
