import type { Language } from '../../domain/notifications/content.ts';
import type { OfficeRole, PartyRef } from '../../domain/notifications/roles.ts';
import type { Pool } from '../db/pool.ts';

/** A person or mailbox that receives mail for an office. */
export interface Contact {
  readonly id: number;
  readonly role: OfficeRole;
  readonly scope: string;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
  readonly active: boolean;
}

export type NewContact = Omit<Contact, 'id' | 'active'>;

const columns = 'id::int as id, role, scope, name, email, language, active';

/** The directory of office contacts (table notification_contacts). */
export class ContactDirectory {
  constructor(private readonly pool: Pool) {}

  /** The active contacts of one office, oldest first. */
  async ofOffice(office: PartyRef): Promise<Contact[]> {
    const { rows } = await this.pool.query<Contact>(
      `select ${columns} from notification_contacts where role = $1 and scope = $2 and active order by id`,
      [office.role, office.scope],
    );
    return rows;
  }

  /** One contact, active or not; undefined when there is no such row. */
  async byId(id: number): Promise<Contact | undefined> {
    const { rows } = await this.pool.query<Contact>(`select ${columns} from notification_contacts where id = $1`, [id]);
    return rows[0];
  }

  /** Adds a contact, or updates the name and language of the same role, scope and address. */
  async save(contact: NewContact): Promise<Contact> {
    const { rows } = await this.pool.query<Contact>(
      `insert into notification_contacts (role, scope, name, email, language) values ($1, $2, $3, $4, $5)
       on conflict (role, scope, email) do update set name = excluded.name, language = excluded.language, active = true
       returning ${columns}`,
      [contact.role, contact.scope, contact.name, contact.email, contact.language],
    );
    return rows[0]!;
  }
}
