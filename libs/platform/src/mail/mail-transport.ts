import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';

// How the platform sends mail: SMTP when SMTP_URL is set, otherwise a local folder of .eml files
// (so a fresh machine can read every mail the platform would have sent). Callers send through
// their service's job queue (a job per mail, completed with its receipt), never inline, so a crash
// neither loses nor doubles a mail; this class is only the last hop. See docs/adr (mail delivery).

export type MailSettings = {
  smtpUrl?: string;
  from: string;
  // Where mail goes when there is no SMTP server; `.local/mail` by default.
  localMailDir: string;
};

export type MailAttachment = { filename: string; path?: string; content?: Buffer | string; contentType?: string };

export type OutgoingMail = {
  // A stable id for this mail (the delivery or job id): it becomes the Message-ID, so a re-send
  // after a crash carries the same id and the local folder keeps one file for it.
  id: string;
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
};

// `where` is what an API answer may say about the mail: 'sent' only when an SMTP server took it.
export type MailReceipt = {
  where: 'sent' | 'written to the local mail folder';
  transport: 'smtp' | 'local-folder';
  messageId: string;
  // The SMTP server's answer line, or the .eml file's path.
  response: string;
};

// An SMTP failure. `permanent`: the server refused the mail for good (5xx); retrying is useless.
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export class MailTransport {
  private readonly smtp: Transporter | null;
  private readonly local: Transporter;

  constructor(private readonly settings: MailSettings) {
    this.smtp = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
    this.local = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  // What mail does on this platform now, for API answers: never "sent" without an SMTP server.
  get outcome(): MailReceipt['where'] {
    return this.smtp ? 'sent' : 'written to the local mail folder';
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    const messageId = `<${mail.id}@mindhill.local>`;
    const message = {
      from: this.settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
      headers: mail.headers,
      messageId,
    };
    if (!this.smtp) return this.writeLocal(mail.id, messageId, message);
    try {
      const info = await this.smtp.sendMail(message);
      return { where: 'sent', transport: 'smtp', messageId, response: String(info.response ?? '') };
    } catch (error) {
      const e = error as Error & { responseCode?: number };
      const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
      throw new MailSendError(e.message, code !== undefined && code >= 500 && code < 600, code);
    }
  }

  close(): void {
    this.smtp?.close();
  }

  // One file per mail id, written under a temp name and renamed: a re-send replaces it whole.
  private async writeLocal(id: string, messageId: string, message: Parameters<Transporter['sendMail']>[0]): Promise<MailReceipt> {
    const info = (await this.local.sendMail(message)) as { message: Buffer };
    await mkdir(this.settings.localMailDir, { recursive: true });
    const file = path.join(this.settings.localMailDir, `${id.replace(/[^A-Za-z0-9_.-]/g, '_')}.eml`);
    const temp = `${file}.tmp`;
    try {
      await writeFile(temp, info.message, { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { where: 'written to the local mail folder', transport: 'local-folder', messageId, response: file };
  }
}
