import { Command } from 'commander';
import { Context, createContext, GlobalOptions, Io } from '../context';

// Wraps a command's handler: builds its Context from the global options and hands back the
// exit code the handler chose (run --follow) through `outcome`.
export type Action = <O>(handler: (ctx: Context, options: O, ...args: string[]) => Promise<void>) => (...args: unknown[]) => Promise<void>;

export function actionFactory(io: Io, outcome: { exitCode: number }): Action {
  return (handler) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const options = args[args.length - 2] as Parameters<typeof handler>[1];
      const positional = args.slice(0, -2).map((a) => (Array.isArray(a) ? a.join(' ') : String(a)));
      const ctx = createContext(io, command.optsWithGlobals<GlobalOptions>());
      try {
        await handler(ctx, options, ...positional);
      } finally {
        ctx.prompt.close();
      }
      outcome.exitCode = ctx.exitCode;
    };
}
