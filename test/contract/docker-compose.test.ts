import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../../platform/config.ts';

/**
 * docker-compose.yml must bring up a working system on a machine with Docker (none runs here):
 * every service has a health check, every image is pinned to one exact version, jingpin's
 * services set every variable jingpin reads, and Debian's docker-compose accepts the file.
 */
const ROOT = path.join(import.meta.dirname, '..', '..');
const FILE = path.join(ROOT, 'docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }>;
}
const compose = parse(readFileSync(FILE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const JINGPIN = ['api', 'workers'];
// name:1.2.3 (or 15.13 where a project numbers releases so, as PostgreSQL does) with an optional
// suffix (-alpine3.22), or a digest; never latest, never a bare major such as redis:7.
const EXACT = /^[a-z0-9./_-]+:v?\d+\.\d+(\.\d+)?(-[A-Za-z0-9.]+)?$|@sha256:[0-9a-f]{64}$/;

describe('docker-compose.yml', () => {
  it('has the stack: Camunda 8, PostgreSQL, Redis, Mailpit, and jingpin\'s api and workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'camunda', 'elasticsearch', 'mailpit', 'postgres', 'redis', 'workers']);
    expect(compose.services['camunda']?.image).toMatch(/^camunda\/camunda:8\.8\.\d+$/);
  });

  it.each(services)('%s has a health check', (_name, service) => {
    expect(service.healthcheck?.test).toBeDefined();
    expect(service.healthcheck?.disable).not.toBe(true);
  });

  it.each(services)('%s runs an image pinned to an exact version, or is built from this repository', (name, service) => {
    if (JINGPIN.includes(name)) {
      expect(service.build).toBe('.');
      expect(service.image).toBeUndefined();
    } else {
      expect(service.image).toMatch(EXACT);
    }
  });

  it.each(JINGPIN)('%s sets every variable jingpin reads', (name) => {
    const environment = compose.services[name]?.environment ?? {};
    const missing = Object.keys(ConfigSchema.properties).filter((variable) => !(variable in environment));
    expect(missing).toEqual([]);
  });

  it.each(JINGPIN)('%s runs on Camunda and reaches each service by its compose name', (name) => {
    const env = compose.services[name]?.environment ?? {};
    expect(env['ENGINE']).toBe('camunda');
    expect(new URL(env['ZEEBE_REST_ADDRESS']!).host).toBe('camunda:8080');
    expect(new URL(env['DATABASE_URL']!).host).toBe('postgres:5432');
    expect(new URL(env['REDIS_URL']!).host).toBe('redis:6379');
    expect(new URL(env['SMTP_URL']!).host).toBe('mailpit:1025');
    expect(env['HOST']).toBe('0.0.0.0');
  });

  it('starts jingpin only after what it needs is healthy', () => {
    const conditions = (name: string) => Object.fromEntries(Object.entries(compose.services[name]?.depends_on ?? {}).map(([k, v]) => [k, v.condition]));
    expect(conditions('api')).toEqual({ postgres: 'service_healthy', redis: 'service_healthy', mailpit: 'service_healthy', camunda: 'service_healthy' });
    expect(conditions('workers')).toEqual({ api: 'service_healthy' });
    expect(compose.services['workers']?.environment?.['MIGRATE_ON_START']).toBe('false');
  });

  it('runs Redis with noeviction, so BullMQ never loses a job', () => {
    expect(compose.services['redis']?.command?.join(' ')).toContain('--maxmemory-policy noeviction');
  });

  it('is accepted by docker-compose config (required in CI)', () => {
    const available = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
    if (!available) {
      // A developer machine without it still runs the structural checks above; CI must have it (.ci/run installs it).
      expect(process.env['CI'], 'docker-compose is not installed; .ci/run installs it').not.toBe('true');
      return;
    }
    expect(() => execFileSync('docker-compose', ['-f', FILE, 'config', '-q'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!);

  it('is multi-stage, each base image pinned exactly, and runs as a non-root user', () => {
    expect(from.length).toBeGreaterThanOrEqual(2);
    for (const image of from) expect(image).toMatch(EXACT);
    const users = [...dockerfile.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it('copies rules/: the packaged rule sets `jingpin migrate` loads into an empty database', () => {
    expect(dockerfile).toMatch(/^COPY --chown=node:node rules \.\/rules$/m);
  });

  it('runs the Node LTS named in .node-version, the one .ci/run also runs the suite on', () => {
    const lts = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim();
    expect(lts).toMatch(/^\d+\.\d+\.\d+$/);
    // Node 20 reached its end of life in April 2026; an office runs a supported LTS (even major, 24 or later).
    const major = Number(lts.split('.')[0]);
    expect(major % 2 === 0 && major >= 24).toBe(true);
    for (const image of from) expect(image).toBe(`node:${lts}-alpine`);
    expect(readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/lts_version=\$\(cat \.node-version\)/);
  });
});
