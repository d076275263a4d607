import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as it arrived, parsed: who it was for and what it said. */
export interface ArrivedMail {
  readonly to: readonly string[];
  readonly parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process, on 127.0.0.1 and a port the system picks. It can
 * refuse the next few recipients with 451 (try later) or some addresses with 550 (no such
 * mailbox), and keeps every mail it accepted, parsed with mailparser.
 */
export interface SmtpSink {
  readonly url: string;
  readonly mails: ArrivedMail[];
  /** Answers the next `times` recipients with 451. */
  refuseNext(times: number): void;
  /** Answers this address with 550 until {@link SmtpSink.accept} is called for it. */
  reject(address: string): void;
  accept(address: string): void;
  /** How many RCPT commands were refused so far. */
  readonly refusals: number;
  /** Waits until at least `count` mails arrived (or fails after `ms`). */
  waitForMails(count: number, ms?: number): Promise<ArrivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ArrivedMail[] = [];
  const rejected = new Set<string>();
  let refuseLeft = 0;
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = (code: number, text: string) => {
        refusals++;
        callback(Object.assign(new Error(text), { responseCode: code }));
      };
      if (refuseLeft > 0) {
        refuseLeft--;
        return refuse(451, 'Try again later');
      }
      if (rejected.has(address.address.toLowerCase())) return refuse(550, 'No such mailbox');
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink has no TCP address');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    mails,
    refuseNext: (times) => void (refuseLeft = times),
    reject: (mail) => void rejected.add(mail.toLowerCase()),
    accept: (mail) => void rejected.delete(mail.toLowerCase()),
    get refusals() {
      return refusals;
    },
    async waitForMails(count, ms = 10_000) {
      const until = Date.now() + ms;
      while (mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mail(s) within ${ms} ms, got ${mails.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
