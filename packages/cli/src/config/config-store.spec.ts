import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigStore, configDir, DEFAULT_URL } from './config-store';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the config store (where login keeps the tokens)', () => {
  const base = () => mkdtempSync(path.join(tmpdir(), 'mindhill-config-'));

  it('lives in $XDG_CONFIG_HOME/mindhill, else ~/.config/mindhill', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/config' })).toBe('/x/config/mindhill');
    expect(configDir({ HOME: '/home/ada' })).toMatch(/\.config\/mindhill$/);
    // The XDG spec says a relative value is to be ignored.
    expect(configDir({ XDG_CONFIG_HOME: 'relative' })).toMatch(/\.config\/mindhill$/);
  });

  it('writes the file 0600 in a 0700 folder, whatever the umask', () => {
    const previous = process.umask(0o000);
    try {
      const store = new ConfigStore(path.join(base(), 'mindhill'));
      store.write({ url: 'http://gw.test', accessToken: 'a', refreshToken: 'r' });
      expect(mode(store.file)).toBe(0o600);
      expect(mode(store.dir)).toBe(0o700);
      expect(store.read()).toEqual({ url: 'http://gw.test', accessToken: 'a', refreshToken: 'r' });
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a file and folder that were readable by others', () => {
    const dir = path.join(base(), 'mindhill');
    const store = new ConfigStore(dir);
    store.write({ url: 'http://gw.test' });
    writeFileSync(store.file, '{}', { mode: 0o644 });
    store.write({ url: 'http://gw.test', accessToken: 'b' });
    expect(mode(store.file)).toBe(0o600);
  });

  it('reads the default gateway when nothing is saved, and forgets on clear', () => {
    const store = new ConfigStore(path.join(base(), 'mindhill'));
    expect(store.read()).toEqual({ url: DEFAULT_URL });
    store.write({ url: 'http://gw.test', accessToken: 'a' });
    store.clear();
    expect(store.read()).toEqual({ url: DEFAULT_URL });
  });
});
