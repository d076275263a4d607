import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the Node versions jingpin says it runs on', () => {
  it('are all versions every installed package supports: the tree agrees with `engines`', () => {
    const ours = manifest.engines.node;
    // Optional packages (another platform's prebuilt binary) are skipped by npm where they do not fit.
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.subset(ours, (entry.engines as { node: string }).node, { includePrerelease: false }))
      .map(([name, entry]) => `${name} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing, `package.json engines.node is "${ours}"`).toEqual([]);
  });

  it('include the Node this test runs on and the LTS of .node-version', () => {
    const lts = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim();
    expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
    expect(semver.satisfies(lts, manifest.engines.node)).toBe(true);
  });
});
