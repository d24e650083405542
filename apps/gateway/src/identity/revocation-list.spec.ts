import { RevocationList } from './revocation-list';

describe('RevocationList', () => {
  it('refuses a revoked session until its tokens would have expired, then forgets it', () => {
    const list = new RevocationList();
    list.revoke('s1', new Date(2_000));
    expect(list.isRevoked('s1', 1_000)).toBe(true);
    expect(list.isRevoked('s2', 1_000)).toBe(false);
    expect(list.isRevoked('s1', 2_001)).toBe(false);
    expect(list.size).toBe(0);
  });

  it('keeps the later of two revocations', () => {
    const list = new RevocationList();
    list.revoke('s1', new Date(5_000));
    list.revoke('s1', new Date(3_000));
    expect(list.isRevoked('s1', 4_000)).toBe(true);
  });
});
