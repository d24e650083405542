import { effectiveSettings } from './setting-environment';

describe('effective settings', () => {
  it("takes the environment's own row for a key, else the 'all' one, whatever the order", () => {
    const rows = [
      { key: 'a', environment: 'all', value: 1 },
      { key: 'a', environment: 'production', value: 2 },
      { key: 'b', environment: 'staging', value: 3 },
      { key: 'b', environment: 'all', value: 4 },
      { key: 'c', environment: 'production', value: 5 },
      { key: 'c', environment: 'all', value: 6 },
    ];
    expect(effectiveSettings(rows, 'production').map((r) => r.value)).toEqual([2, 4, 5]);
    expect(effectiveSettings(rows, 'staging').map((r) => r.value)).toEqual([1, 3, 6]);
  });
});
