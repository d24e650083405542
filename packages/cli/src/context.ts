import { Readable, Writable } from 'node:stream';
import { Api, createApi, requireLogin, Session } from './api/api-client';
import { ConfigStore, configDir, DEFAULT_URL } from './config/config-store';
import { Output } from './output/output';
import { Prompt } from './output/prompt';

export type Io = {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  env: NodeJS.ProcessEnv;
};
export type GlobalOptions = { url?: string; json?: boolean };

// What a command needs, built from the global options once the command line is parsed.
export type Context = {
  io: Io;
  out: Output;
  prompt: Prompt;
  store: ConfigStore;
  session: Session;
  // The API as the logged-in user (CLI.NOT_LOGGED_IN otherwise).
  api(): Api;
  // The API without a login (login itself).
  anonymousApi(): Api;
  // Set by a command whose outcome is not a plain success (run --follow).
  exitCode: number;
};

// The gateway: --url, else MINDHILL_URL, else the one logged in to, else the local default.
export function resolveUrl(globals: GlobalOptions, env: NodeJS.ProcessEnv, stored: string | undefined): string {
  const url = globals.url ?? env.MINDHILL_URL ?? stored ?? DEFAULT_URL;
  return url.replace(/\/+$/, '');
}

export function createContext(io: Io, globals: GlobalOptions): Context {
  const store = new ConfigStore(configDir(io.env));
  const config = store.read();
  const url = resolveUrl(globals, io.env, config.url);
  const session = new Session(url, config, store);
  return {
    io,
    out: new Output(Boolean(globals.json), io.stdout, io.stderr),
    prompt: new Prompt(io.stdin, io.stderr),
    store,
    session,
    api: () => {
      requireLogin(session);
      return createApi(session);
    },
    anonymousApi: () => createApi(new Session(url, { url })),
    exitCode: 0,
  };
}
