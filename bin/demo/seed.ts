import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';
import { isOfficeRole, provinceScope, type OfficeRole } from '../../domain/notifications/roles.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { checkRecord } from '../../domain/directory/records.ts';
import { ownerOf } from '../../platform/directory/owners.ts';
import { saveRecord } from '../../platform/directory/save-record.ts';
import type { NewContact } from '../../platform/mail/contacts.ts';
import { demoCities } from './cities.ts';
import { seedActor, seedDirectory, type InstituteSeed } from './directory.ts';
import { demoMemberUnits, type DemoPopulation } from './population.ts';

const MODELS = path.join(import.meta.dirname, '..', '..', 'bpmn');

/** Mail of the demo's contacts goes to a reserved domain (RFC 2606), never to a real mailbox. */
const mailDomain = 'demo.jingpin.example';

/** The province's standardization institute, which evaluates the declared standards. */
const demoInstitute: InstituteSeed = { id: 'JSIQS', name: '江苏省质量和标准化研究院 / Jiangsu Institute of Quality and Standardization', cityCode: '320100' };

/** The office roles the models send notifications to (their `recipients` task headers). */
export async function notifiedRoles(folder = MODELS): Promise<OfficeRole[]> {
  const roles = new Set<OfficeRole>();
  for (const file of (await readdir(folder)).filter((f) => f.endsWith('.bpmn'))) {
    const xml = await readFile(path.join(folder, file), 'utf8');
    for (const [, value] of xml.matchAll(/<zeebe:header key="recipients" value="([^"]*)"/g)) {
      for (const role of (value ?? '').split(',').map((r) => r.trim())) {
        if (!isOfficeRole(role)) throw new Error(`${file}: 未知的通知对象 / unknown recipients role ${role}`);
        roles.add(role);
      }
    }
  }
  return [...roles].sort();
}

const officeNames: Record<OfficeRole, string> = {
  provincial_office: '省质量发展委员会办公室 / Provincial Quality Development Committee Office',
  member_unit: '省质委成员单位 / member unit',
  city_office: '质量发展委员会办公室 / Quality Development Committee Office',
  county_office: '质量发展委员会办公室 / Quality Development Committee Office',
  standardization_institute: '江苏省质量和标准化研究院 / Jiangsu Institute of Quality and Standardization',
  alliance_secretariat: '江苏精品国际认证联盟秘书处 / secretariat of the Jiangsu Quality certification alliance',
  certification_body: '认证机构 / certification body',
  supervision_department: '省市场监管局认证监督管理处 / Certification Supervision Department, Provincial SAMR',
  enterprise: '企业 / enterprise',
};

/**
 * One contact for every office of every role the models notify, in each scope that role can
 * take in this province: the 13 cities, the counties, the certification bodies, the enterprises,
 * the member units; the province for offices that act for all of Jiangsu. So every notify job reaches someone.
 */
export function demoContacts(population: DemoPopulation, roles: readonly OfficeRole[]): NewContact[] {
  const contacts: NewContact[] = [];
  const add = (role: OfficeRole, scope: string, name: string, language: 'zh' | 'en' = 'zh') =>
    contacts.push({ role, scope, name, email: `${role.replaceAll('_', '-')}.${scope.toLowerCase()}@${mailDomain}`, language });
  for (const role of roles) {
    switch (role) {
      case 'city_office':
        for (const city of demoCities) add(role, city.code, `${city.zh}${officeNames[role]}`);
        break;
      case 'county_office':
        for (const city of demoCities) for (const county of city.counties) add(role, county.code, `${city.zh}${county.zh}${officeNames[role]}`);
        break;
      case 'certification_body':
        // One body reads English, so the demo's mail shows both languages.
        for (const [i, body] of population.certificationBodies.entries()) add(role, body.id, body.name, i === population.certificationBodies.length - 1 ? 'en' : 'zh');
        break;
      case 'enterprise':
        for (const e of population.enterprises) add(role, e.id, e.name);
        break;
      case 'member_unit':
        for (const unit of demoMemberUnits) add(role, unit.id, unit.name);
        break;
      default:
        add(role, provinceScope, officeNames[role]);
    }
  }
  return contacts;
}

/**
 * Writes the demo's province into a fresh schema: the directory (enterprises, experts with their
 * ties, certification bodies), the notification contacts, and last year's campaign with its
 * key-cultivation list (what this year's carry-over reads).
 */
export async function seedDemo(db: Pool, population: DemoPopulation, at = new Date()): Promise<{ contacts: number }> {
  await seedDirectory(db, {
    enterprises: [...population.enterprises, ...population.previousOnly],
    experts: population.experts,
    certificationBodies: population.certificationBodies,
    institutes: [demoInstitute],
    memberUnits: demoMemberUnits,
  }, at);
  const contacts = demoContacts(population, await notifiedRoles());
  await withTransaction(db, async (client) => {
    for (const contact of contacts) {
      const checked = checkRecord('contact', contact);
      if (!checked.ok) throw new Error(`演示联系人有误 / the demo contact ${contact.email} breaks: ${checked.problems.map((p) => `${p.field} ${p.en}`).join('; ')}`);
      await saveRecord(client, 'contact', checked.record, { actor: seedActor, role: ownerOf('contact') }, at);
    }
  });
  await seedPreviousYear(db, population);
  return { contacts: contacts.length };
}

async function seedPreviousYear(db: Pool, population: DemoPopulation): Promise<void> {
  if (population.previousYear.length === 0) return;
  const year = population.campaignYear - 1;
  const openedAt = new Date(`${year}-03-21T09:00:00+08:00`);
  const closedAt = new Date(`${year + 1}-01-16T10:00:00+08:00`);
  await withTransaction(db, async (client) => {
    await client.query(
      `INSERT INTO campaigns (year, notice_number, status, opened_at, announced_at, announcement_number) VALUES ($1, $2, 'ANNOUNCED', $3, $4, $5)`,
      [year, `苏质委办〔${year}〕1号`, openedAt, closedAt, `${year}年第1号`],
    );
    for (const d of population.previousYear) {
      await client.query(
        `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, outcome, submitted_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, 'COUNTY', $6, 'CLOSED', $7, $8, $9)`,
        [d.number, year, d.enterpriseId, d.productName, d.category, JSON.stringify(d.facts), d.outcome, new Date(`${year}-04-10T10:00:00+08:00`), closedAt],
      );
      await client.query(`INSERT INTO key_cultivation (declaration_number, campaign_year, rank, score, selected, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
        d.number,
        year,
        d.rank,
        d.score,
        d.selected,
        d.selected ? '列入名单 / on the list' : '排名未进入名单 / ranked below the list',
      ]);
    }
  });
}
