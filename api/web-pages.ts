import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDependencies } from './dependencies.ts';
import { notFound, sendNotFound } from './problem.ts';

const ROOT = path.join(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'web');

/**
 * The libraries' prebuilt browser bundles, served from node_modules under `/vendor/<name>/`: only
 * these folders, never node_modules as a whole.
 */
const VENDOR: Readonly<Record<string, string>> = {
  'bpmn-js': path.join(ROOT, 'node_modules', 'bpmn-js', 'dist'),
  'form-js': path.join(ROOT, 'node_modules', '@bpmn-io', 'form-js', 'dist'),
  'chart.js': path.join(ROOT, 'node_modules', 'chart.js', 'dist'),
};

// File names the routes serve: no `..`, no dot-files, only the kinds a page loads.
const OWN_FILE = /^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:js|css|svg)$/;
const VENDOR_FILE = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:js|css|woff2?|ttf|eot|svg)$/;

/** The page shell's own path: every page address below is answered with it. */
export const SHELL_PATH = '/web/shell';

/**
 * The workbench's page addresses. A page is one HTML shell; web/app.js draws the page the
 * address names. Some addresses are also API routes (`/tasks/123`, the link in the mails), so a
 * browser opening one as a page is told apart from the pages' own API calls by what it accepts:
 * a navigation asks for text/html, fetch() calls do not.
 */
const PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/sign-in$/,
  /^\/inbox$/,
  /^\/declarations$/,
  /^\/tasks\/[0-9]{1,19}$/,
  /^\/cases\/[^/?#]{1,60}$/,
  /^\/cases\/[^/?#]{1,60}\/tasks$/,
  // The enterprise's declaring, its own declaration (also an API route, told apart by Accept), and the public pages.
  /^\/enterprise$/,
  /^\/declarations\/new$/,
  /^\/declarations\/JP-\d{4}-\d{6}-\d{4}$/,
  // The certification body's report of its result (the API's route is /certifications/:number/result).
  /^\/certifications\/JP-\d{4}-\d{6}-\d{4}$/,
  // The city's unified submission (the API's routes are /cities/:code/recommendation-batches).
  /^\/city-batches$/,
  /^\/publicity$/,
  /^\/announced$/,
  // The provincial office's pages.
  /^\/dashboard$/,
  /^\/incidents$/,
  /^\/incidents\/[0-9]{1,19}$/,
  /^\/campaigns$/,
  /^\/rule-sets$/,
  /^\/directory$/,
  /^\/directory\/[a-z-]{1,30}$/,
];

function isPageNavigation(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/**
 * Fastify's `rewriteUrl`: a browser opening a page address is routed to the page shell. Runs
 * before routing, so the API's routes, hooks and access rules stay as they are for API calls.
 */
export function rewritePageNavigation(request: IncomingMessage): string {
  const url = request.url ?? '/';
  if (!isPageNavigation(request)) return url;
  const pathname = url.split('?')[0]!;
  return PAGES.some((page) => page.test(pathname)) ? SHELL_PATH : url;
}

// The root not-found handler sits outside the plugin that decorates sendFile: it sends the text.
let shell: string | undefined;

/**
 * For an address nothing serves: a person's browser gets the shell, which shows the not-found
 * page (with status 404); an API client gets problem details, as before.
 */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!isPageNavigation(request.raw)) return sendNotFound(request, reply);
  shell ??= readFileSync(path.join(WEB, 'index.html'), 'utf8');
  return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(shell);
}

/**
 * The web workbench (web/): the page shell, the pages' own scripts and styles under `/web/`, and
 * the libraries' bundles under `/vendor/`. All open to anyone: they hold no data; the pages fetch
 * it from the API with the signed-in user's session, and the API decides what he may see.
 */
export const webPages: FastifyPluginAsyncTypebox<AppDependencies> = async (app) => {
  // Each route sets its own Cache-Control: the shell never cached, the pages' files revalidated.
  await app.register(fastifyStatic, { root: WEB, serve: false, cacheControl: false });

  app.get(SHELL_PATH, { config: { access: 'anyone' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').sendFile('index.html', WEB),
  );

  app.get('/web/*', { config: { access: 'anyone' }, schema: { hide: true } }, async (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (!OWN_FILE.test(file)) throw notFound(`/web/${file}`);
    return reply.header('cache-control', 'no-cache').sendFile(file, WEB);
  });

  app.get('/vendor/:library/*', { config: { access: 'anyone' }, schema: { hide: true } }, async (request, reply) => {
    const { library, '*': file } = request.params as { library: string; '*': string };
    const root = Object.hasOwn(VENDOR, library) ? VENDOR[library] : undefined;
    if (!root || !VENDOR_FILE.test(file)) throw notFound(`/vendor/${library}/${file}`);
    return reply.header('cache-control', 'public, max-age=86400').sendFile(file, root);
  });
};
