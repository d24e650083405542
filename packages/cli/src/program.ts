import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { actionFactory } from './commands/action';
import { registerAuthCommands } from './commands/auth.commands';
import { registerDataCommands } from './commands/data.commands';
import { registerRunCommands } from './commands/run.commands';
import { registerWorkflowCommands } from './commands/workflows.commands';
import { Io } from './context';

// The whole command line. Commander never exits the process itself (exitOverride): main decides
// the exit code, and tests parse arguments without a process to lose.
export function buildProgram(io: Io, outcome: { exitCode: number }): Command {
  const program = new Command('mindhill')
    .description('The Mind Hillmetric platform from the command line (the public API, through the gateway)')
    .option('--url <url>', 'the gateway (default: MINDHILL_URL, else the one you logged in to, else http://127.0.0.1:8080)')
    .option('--json', 'machine output on stdout (JSON; jq-parsable), messages on stderr')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const action = actionFactory(io, outcome);
  registerAuthCommands(program, action);
  registerWorkflowCommands(program, action);
  registerRunCommands(program, action);
  registerDataCommands(program, action);
  // Sub-commands inherit the same behaviour (no process.exit, output through io).
  for (const command of allCommands(program)) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

// The repository's version: the CLI is a bin of the root package.
function version(): string {
  const file = path.resolve(__dirname, '../../../package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
