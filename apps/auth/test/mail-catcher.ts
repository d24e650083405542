import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = { to: string[]; raw: string; text: string };

// A real SMTP server inside the test process that keeps every message it is given. Recipients
// in `refused` are answered 550 (a permanent refusal), those in `deferOnce` 451 once;
// `recipients` counts every RCPT TO.
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  readonly refused = new Set<string>();
  // Answered 451 (try again later) once, then taken.
  readonly deferOnce = new Set<string>();
  readonly recipients: string[] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.recipients.push(address.address);
        if (this.refused.has(address.address)) return callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
        if (this.deferOnce.delete(address.address)) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQuotedPrintable(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  to(address: string): CaughtMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  // The token in the newest mail to this address whose link has this path.
  tokenFor(address: string, path: string): string | null {
    for (const mail of [...this.to(address)].reverse()) {
      const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]{20,})`).exec(mail.text);
      if (match) return match[1]!;
    }
    return null;
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
