import type { FastifyRequest } from 'fastify';
import type { JingpinFastify as FastifyInstance } from './instance.ts';
import { cleanText } from '../domain/directory/text.ts';
import { invalidFields } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route checks the text of its body itself with the same rules, record by record (the
     * directory's CSV import reports each bad row and imports the rest; a registration names
     * every bad field of the record at once): stopping at the first bad text would hide the rest.
     */
    ownTextRules?: boolean;
  }
}

/** A rule broken by one value of a body, named as the schema's rules are. */
interface Broken {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

// Names, numbers and titles are one line; other text (a reason, an objection, a note) may have several.
const oneLine = /(name|number|title)$/iu;
// A password is compared as typed: trimming or normalising it would change the secret.
const asTyped = new Set(['password']);

/**
 * One normalisation and validation step for every JSON body the API accepts, before its schema
 * is checked. Why a hook and not a schema helper: TypeBox checks values but never changes them,
 * and a helper would have to be remembered on each of the dozens of text fields (a task's form
 * fields are only known at run time); one walk over the parsed body cannot miss a field. Running
 * before validation means the schema's `minLength` and `maxLength` judge the text as it will be
 * stored (a name of spaces only becomes empty and fails `minLength`).
 *
 * - Text: Unicode NFC and trimmed (domain/directory/text.ts, the directory's own rule); control
 *   characters (NUL, which PostgreSQL refuses, escapes; line breaks in one-line fields) and
 *   bidirectional overrides, which make text read differently from what is stored, are refused.
 * - Numbers: within ±(2^53 − 1). JSON numbers beyond are rounded silently by JavaScript (and 1e300
 *   is no amount of anything), so what would be stored is not what was sent.
 */
export function installInputRules(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.routeOptions.config.ownTextRules) return;
    if (!String(request.headers['content-type'] ?? '').includes('json')) return;
    if (request.body === null || typeof request.body !== 'object') return;
    const broken: Broken[] = [];
    request.body = clean(request.body, '', '', broken);
    if (broken.length > 0) throw invalidFields('body', broken);
  });
}

function clean(value: unknown, pointer: string, key: string, broken: Broken[]): unknown {
  if (typeof value === 'string') {
    if (asTyped.has(key)) return value;
    // Nothing but spaces is empty: the schema's `minLength` (or the route) judges an empty value.
    if (value.trim() === '') return '';
    const cleaned = cleanText(value, { maxLength: Number.POSITIVE_INFINITY, multiline: !oneLine.test(key) });
    if (cleaned.ok) return cleaned.text;
    broken.push({ field: pointer, rule: cleaned.problem.rule, message: `${cleaned.problem.zh} / ${cleaned.problem.en}` });
    return value;
  }
  if (typeof value === 'number') {
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      broken.push({ field: pointer, rule: 'safeNumber', message: '数值超出可精确表示的范围（±9007199254740991）/ the number is beyond ±9007199254740991, where it would be rounded' });
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => clean(item, `${pointer}/${index}`, key, broken));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a key such as `__proto__` stays data and never sets a prototype.
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, clean(item, `${pointer}/${escape(name)}`, name, broken)]));
  }
  return value;
}

/** A JSON pointer's escaping of one property name (RFC 6901). */
function escape(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}
