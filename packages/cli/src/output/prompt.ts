import { createInterface, Interface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { CliError, EXIT } from '../cli-error';

// Asks the person at the terminal (questions on stderr, so stdout stays the result). Piped stdin
// works too, one answer per line, which is how scripts and tests log in.
export class Prompt {
  private lines?: AsyncIterableIterator<string>;
  private reader?: Interface;

  constructor(
    private readonly input: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown } = process.stdin,
    private readonly output: Writable = process.stderr,
  ) {}

  async ask(question: string): Promise<string> {
    this.output.write(question);
    return this.readLine();
  }

  // On a terminal the typed characters are not echoed.
  async secret(question: string): Promise<string> {
    if (!this.input.isTTY || !this.input.setRawMode) return this.ask(question);
    this.output.write(question);
    return this.readHidden();
  }

  close(): void {
    this.reader?.close();
  }

  private async readLine(): Promise<string> {
    if (!this.lines) {
      this.reader = createInterface({ input: this.input, terminal: false });
      this.lines = this.reader[Symbol.asyncIterator]();
    }
    const next = await this.lines.next();
    if (next.done) throw new CliError('CLI.NO_INPUT', 'No answer on stdin (it was closed)', EXIT.usage);
    return next.value.trim();
  }

  private readHidden(): Promise<string> {
    const input = this.input;
    return new Promise((resolve, reject) => {
      let typed = '';
      const done = (finish: () => void) => {
        input.setRawMode!(false);
        input.off('data', onData);
        input.pause();
        this.output.write('\n');
        finish();
      };
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') return done(() => resolve(typed));
          if (char === '\u0003') return done(() => reject(new CliError('CLI.INTERRUPTED', 'Interrupted', 130)));
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      input.setRawMode!(true);
      input.resume();
      input.on('data', onData);
    });
  }
}
