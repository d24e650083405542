import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export type CliConfig = {
  url: string;
  accessToken?: string;
  refreshToken?: string;
  sessionId?: string;
  email?: string;
};

// XDG base directories: $XDG_CONFIG_HOME/mindhill, else ~/.config/mindhill.
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir(), '.config');
  return path.join(base, 'mindhill');
}

// The tokens are credentials: the folder is 0700 and the file 0600 whatever the umask, and the
// file is replaced by a rename so a crash never leaves half a file (or a readable copy).
export class ConfigStore {
  readonly file: string;

  constructor(readonly dir: string = configDir()) {
    this.file = path.join(dir, 'config.json');
  }

  read(): CliConfig {
    if (!existsSync(this.file)) return { url: DEFAULT_URL };
    const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
    const value = typeof parsed === 'object' && parsed !== null ? (parsed as Partial<CliConfig>) : {};
    return { ...value, url: typeof value.url === 'string' ? value.url : DEFAULT_URL };
  }

  write(config: CliConfig): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
