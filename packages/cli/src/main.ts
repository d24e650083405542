import { CommanderError } from 'commander';
import { CliError, EXIT } from './cli-error';
import { Io } from './context';
import { buildProgram } from './program';

const processIo: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };

// Runs one command line; answers the exit code. An error is one line on stderr naming its code
// (and the correlation id to quote), or a JSON error object on stdout with --json.
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const outcome = { exitCode: EXIT.ok as number };
  const program = buildProgram(io, outcome);
  try {
    await program.parseAsync(argv);
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not errors; a bad command line is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const failure =
      error instanceof CliError ? error : new CliError('CLI.UNEXPECTED', error instanceof Error ? error.message : String(error), 70);
    const where = failure.extra.correlationId ? ` (correlation id ${failure.extra.correlationId})` : '';
    io.stderr.write(`Error ${failure.code}: ${failure.message}${where}\n`);
    if (program.opts<{ json?: boolean }>().json || argv.includes('--json')) {
      io.stdout.write(
        `${JSON.stringify({ error: { code: failure.code, message: failure.message, status: failure.extra.status ?? null }, correlationId: failure.extra.correlationId ?? null })}\n`,
      );
    }
    return failure.exitCode;
  }
}
