import { OpenStreams } from './open-streams';

describe('OpenStreams', () => {
  it('caps streams per user and in all; a released slot is free again, once', () => {
    const open = new OpenStreams({ perUser: 2, total: 3 });
    const a1 = open.acquire('a', () => undefined);
    const a2 = open.acquire('a', () => undefined);
    expect(open.acquire('a', () => undefined)).toEqual({ ok: false, scope: 'user', limit: 2 });
    expect(open.acquire('b', () => undefined).ok).toBe(true);
    expect(open.acquire('c', () => undefined)).toEqual({ ok: false, scope: 'gateway', limit: 3 });
    if (!a1.ok || !a2.ok) throw new Error('expected slots');
    a1.slot.release();
    a1.slot.release();
    expect(open.size).toBe(2);
    expect(open.acquire('a', () => undefined).ok).toBe(true);
    expect(open.acquire('a', () => undefined).ok).toBe(false);
  });

  it('closes every open stream on shutdown', () => {
    const open = new OpenStreams({ perUser: 5, total: 5 });
    const closed: string[] = [];
    open.acquire('a', () => closed.push('a'));
    open.acquire('b', () => closed.push('b'));
    open.closeAll();
    expect(closed).toEqual(['a', 'b']);
  });
});
