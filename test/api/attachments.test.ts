import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { samplePdf } from '../../bin/demo/scripted-evidence.ts';
import { createLogger } from '../../platform/log.ts';
import { declare } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import { jpeg, multipart, pdf, png, type Part } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * Attachments of a declaration, end to end: the enterprise uploads, everyone who sees the
 * declaration lists, only those who need the files download them, and the bytes that come back
 * are the bytes that went in. Bad uploads are in bad-input.test.ts; every role in access-matrix.test.ts.
 */
let t: ApiHarness;
const ctx = { a: '', b: '' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// The scripted enterprises upload the materials their facts claim (one sample PDF); these tests look at their own uploads.
const scripted = sha256(samplePdf());
const own = <T extends { sha256: string }>(list: T[]) => list.filter((x) => x.sha256 !== scripted);

async function upload(user: SignedIn, number: string, parts: Part[]) {
  const form = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/declarations/${number}/attachments`, payload: form.payload, headers: { ...user.headers, ...form.headers } });
}

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  ctx.a = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '320102' }, 2023, 1);
  ctx.b = await declare(t.c.driver, { id: E2, name: E2, cityCode: '320200', countyCode: '320202' }, 2023, 2);
  const db = t.c.h.db.pool;
  await db.query(`INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, 'CB-A', 'ENTERPRISE', 'IN_PROGRESS')`, [ctx.a]);
  await db.query(`INSERT INTO panel_assignments (declaration_number, expert_id, role) VALUES ($1, 'EXP-001', 'MEMBER'), ($1, 'EXP-002', 'MEMBER')`, [ctx.a]);
  await db.query(`INSERT INTO panel_exclusions (declaration_number, expert_id, reasons) VALUES ($1, 'EXP-002', '["CONSULTS"]')`, [ctx.a]);
}, 120_000);
afterAll(() => t.close());

describe('attachments', () => {
  const form = pdf('申报书正文 / the declaration form');
  let stored: { id: number; sha256: string; size: number };

  it('keeps an upload: its row, its file under its SHA-256, and an audit entry', async () => {
    const enterprise = await t.as('enterprise', E1);
    const response = await upload(enterprise, ctx.a, [
      { name: 'kind', value: 'ATTACHMENT_1_DECLARATION_FORM' },
      { name: 'file', filename: '附件1 申报书 (2023).pdf', contentType: 'application/pdf', data: form },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      declarationNumber: ctx.a,
      kind: 'ATTACHMENT_1_DECLARATION_FORM',
      fileName: '附件1 申报书 (2023).pdf',
      contentType: 'application/pdf',
      size: form.length,
      sha256: sha256(form),
      uploadedBy: enterprise.username,
    });
    expect(body.uploadedAt).toMatch(/\+08:00$/);
    stored = body;

    const file = path.join(t.attachmentsDir, body.sha256.slice(0, 2), body.sha256);
    expect(await readFile(file)).toEqual(form);
    expect(await readdir(path.join(t.attachmentsDir, 'tmp'))).toEqual([]);

    const { rows } = await t.c.h.db.pool.query(`SELECT actor, role, detail FROM audit_log WHERE action = 'attachment.uploaded' AND subject_id = $1 AND detail->>'sha256' <> $2`, [ctx.a, scripted]);
    expect(rows).toEqual([{ actor: enterprise.username, role: 'enterprise', detail: expect.objectContaining({ attachmentId: body.id, sha256: body.sha256, kind: 'ATTACHMENT_1_DECLARATION_FORM' }) }]);
    const status = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/status`, headers: enterprise.headers });
    expect(status.json().trail).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'attachment.uploaded', actor: enterprise.username })]));
  });

  it('lists the attachments, without contents, to everyone who sees the declaration', async () => {
    const viewers: Array<[Role, string | null]> = [
      ['enterprise', E1],
      ['county_office', '320102'],
      ['city_office', '320100'],
      ['provincial_office', null],
      ['member_unit', 'MU-GXT'],
      ['supervision_department', null],
      ['expert', 'EXP-001'],
      ['certification_body', 'CB-A'],
    ];
    for (const [role, scope] of viewers) {
      const response = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments`, headers: (await t.as(role, scope)).headers });
      expect(response.statusCode, `${role} ${scope}`).toBe(200);
      expect(own(response.json())).toEqual([expect.objectContaining({ id: stored.id, sha256: stored.sha256, size: stored.size })]);
      expect(response.body).not.toContain('申报书正文');
    }
  });

  it('serves the same bytes to each role that needs them, with its type and name', async () => {
    const readers: Array<[Role, string | null]> = [
      ['enterprise', E1],
      ['county_office', '320102'],
      ['city_office', '320100'],
      ['provincial_office', null],
      ['standardization_institute', null],
      ['certification_body', 'CB-A'],
      ['expert', 'EXP-001'],
    ];
    for (const [role, scope] of readers) {
      const response = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments/${stored.id}`, headers: (await t.as(role, scope)).headers });
      expect(response.statusCode, `${role} ${scope}`).toBe(200);
      expect(response.rawPayload).toEqual(form);
      expect(sha256(response.rawPayload)).toBe(stored.sha256);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-length']).toBe(String(form.length));
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="__1 ___ (2023).pdf"; filename*=UTF-8''${encodeURIComponent('附件1 申报书')}%20%282023%29.pdf`,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('never serves the file to anyone else: out of scope 404, roles that do not need it 403', async () => {
    const refused: Array<[Role, string | null, number]> = [
      ['expert', 'EXP-003', 404], // not on the panel
      ['expert', 'EXP-002', 404], // on it, but kept off for a conflict
      ['certification_body', 'CB-B', 404],
      ['city_office', '320500', 404],
      ['county_office', '320202', 404],
      ['enterprise', E2, 404],
      ['member_unit', 'MU-GXT', 403],
      ['alliance_secretariat', null, 403],
      ['supervision_department', null, 403],
      ['public', null, 403],
    ];
    for (const [role, scope, status] of refused) {
      const response = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments/${stored.id}`, headers: (await t.as(role, scope)).headers });
      expect(response.statusCode, `${role} ${scope}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).not.toContain('申报书正文');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments/${stored.id}` });
    expect(anonymous.statusCode).toBe(401);
    // An expert not on the panel does not learn the list either.
    const list = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments`, headers: (await t.as('expert', 'EXP-003')).headers });
    expect(list.statusCode).toBe(404);
  });

  it("does not serve one declaration's attachment under another's number", async () => {
    const other = await upload(await t.as('enterprise', E2), ctx.b, [{ name: 'kind', value: 'BUSINESS_LICENCE' }, { name: 'file', filename: 'licence.png', contentType: 'image/png', data: png() }]);
    expect(other.statusCode, other.body).toBe(201);
    const crossed = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments/${other.json().id}`, headers: (await t.as('provincial_office')).headers });
    expect(crossed.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.b}/attachments/${other.json().id}`, headers: (await t.as('provincial_office')).headers });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
  });

  it('types a file by its bytes and keeps the same bytes once however often they come', async () => {
    const enterprise = await t.as('enterprise', E1);
    const scan = jpeg();
    const first = await upload(enterprise, ctx.a, [{ name: 'file', filename: 'scan', contentType: 'application/octet-stream', data: scan }, { name: 'kind', value: 'TRADEMARK_REGISTRATION' }]);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ contentType: 'image/jpeg', kind: 'TRADEMARK_REGISTRATION', sha256: sha256(scan) });
    const again = await upload(enterprise, ctx.a, [{ name: 'kind', value: 'MARKET_SHARE_PROOF' }, { name: 'file', filename: 'scan.jpg', contentType: 'image/jpeg', data: scan }]);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).not.toBe(first.json().id);
    expect(await readdir(path.join(t.attachmentsDir, sha256(scan).slice(0, 2)))).toEqual([sha256(scan)]);
    const list = await t.app.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments`, headers: enterprise.headers });
    expect(own(list.json() as Array<{ kind: string; sha256: string }>).map((x) => x.kind)).toEqual(['ATTACHMENT_1_DECLARATION_FORM', 'TRADEMARK_REGISTRATION', 'MARKET_SHARE_PROOF']);
  });

  it('keeps the contents and the token out of the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logged = buildApp({
      config: { ...t.c.h.db.config, ATTACHMENTS_DIR: t.attachmentsDir },
      engine: t.c.h.engine,
      clock: t.c.h.clock,
      pool: t.c.h.db.pool,
      logger: createLogger('trace', sink),
    });
    try {
      const enterprise = await t.as('enterprise', E1);
      const secret = pdf('CONTENTS-NEVER-LOGGED-7f3a');
      const form = multipart([{ name: 'kind', value: 'ATTACHMENT_3_COMMITMENT_LETTER' }, { name: 'file', filename: 'letter.pdf', contentType: 'application/pdf', data: secret }]);
      const stored = await logged.inject({ method: 'POST', url: `/declarations/${ctx.a}/attachments`, payload: form.payload, headers: { ...enterprise.headers, ...form.headers } });
      expect(stored.statusCode, stored.body).toBe(201);
      const download = await logged.inject({ method: 'GET', url: `/declarations/${ctx.a}/attachments/${stored.json().id}`, headers: enterprise.headers });
      expect(download.rawPayload).toEqual(secret);
      const log = lines.join('');
      expect(log).toContain('attachment stored');
      expect(log).not.toContain('CONTENTS-NEVER-LOGGED-7f3a');
      expect(log).not.toContain(Buffer.from('CONTENTS-NEVER-LOGGED-7f3a').toString('base64').slice(0, 20));
      expect(log).not.toContain(enterprise.token.split('.')[2]);
    } finally {
      await logged.close();
    }
  });
});
