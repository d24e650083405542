import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { MailSendError, MailTransport } from './mail-transport';

// Against a real SMTP server process on loopback (smtp-server), and the local folder.
describe('MailTransport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mail-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('without SMTP_URL writes one .eml per mail id and says so, never "sent"', async () => {
    const transport = new MailTransport({ from: 'noreply@mindhill.test', localMailDir: dir });
    expect(transport.outcome).toBe('written to the local mail folder');
    const first = await transport.send({ id: 'delivery-1', to: 'a@example.com', subject: 'Report', text: 'hello' });
    await transport.send({ id: 'delivery-1', to: 'a@example.com', subject: 'Report', text: 'hello' });
    expect(first.where).toBe('written to the local mail folder');
    expect(await readdir(dir)).toEqual(['delivery-1.eml']);
    const eml = await readFile(path.join(dir, 'delivery-1.eml'), 'utf8');
    expect(eml).toContain('Message-ID: <delivery-1@mindhill.local>');
    expect(eml).toContain('Subject: Report');
  });

  it('hands the mail and its attachment to the SMTP server, and classes 5xx refusals as permanent', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('bounce')) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const transport = new MailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'noreply@mindhill.test', localMailDir: dir });
    try {
      const receipt = await transport.send({
        id: 'd-2',
        to: 'b@example.com',
        subject: 'Weekly',
        text: 'see attached',
        attachments: [{ filename: 'r.csv', content: 'a,b\n1,2\n', contentType: 'text/csv' }],
      });
      expect(receipt.where).toBe('sent');
      expect(received).toHaveLength(1);
      expect(received[0]).toContain('filename=r.csv');
      await expect(transport.send({ id: 'd-3', to: 'bounce@example.com', subject: 'x', text: 'y' })).rejects.toMatchObject({
        name: 'MailSendError',
        permanent: true,
        responseCode: 550,
      });
      expect(await readdir(dir)).toEqual([]);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(MailSendError).toBeDefined();
  });
});
