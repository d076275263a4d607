import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** One message for one recipient. */
export interface OutgoingMail {
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  /** Travels as the `X-Jingpin-Notification` header, so a recipient's server can tell repeats apart. */
  readonly notificationKey: string;
}

/** How mail leaves jingpin: over SMTP, or, with no SMTP_URL, into the log only. */
export interface MailTransport {
  readonly mode: 'smtp' | 'log-only';
  /** @throws the SMTP error as nodemailer reports it (see smtp-failure.ts). */
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  close(): Promise<void>;
}

/** The transport `SMTP_URL` asks for: SMTP when set, the log otherwise. */
export function createMailTransport(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, logger: Logger): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : logOnlyTransport(logger);
}

/** SMTP through a small pool of connections, reused from message to message. */
export function smtpTransport(url: string, from: string, maxConnections = 5): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections }, { from });
  return {
    mode: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'X-Jingpin-Notification': mail.notificationKey, 'Auto-Submitted': 'auto-generated' },
      });
      return { messageId: info.messageId ?? null };
    },
    async close() {
      transporter.close();
    },
  };
}

/** The embedded default: the sent log keeps the message and the log shows it. */
export function logOnlyTransport(logger: Logger): MailTransport {
  return {
    mode: 'log-only',
    async send(mail) {
      logger.info(
        { to: mail.to.address, notificationKey: mail.notificationKey, subject: mail.subject, text: mail.text },
        '未设置 SMTP_URL，邮件只记入日志 / SMTP_URL unset: mail logged, not sent',
      );
      return { messageId: null };
    },
    async close() {},
  };
}
