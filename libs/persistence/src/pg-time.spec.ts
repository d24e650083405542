import { isoFromPg } from './pg-time';

describe('isoFromPg', () => {
  it.each([
    ['2026-12-06 07:44:49.022+00', '2026-12-06T07:44:49.022Z'],
    ['2026-12-06 09:00:00+01:30', '2026-12-06T07:30:00.000Z'],
    ['2026-12-06T07:44:49Z', '2026-12-06T07:44:49.000Z'],
  ])('answers %s as %s', (pg, iso) => {
    expect(isoFromPg(pg)).toBe(iso);
  });

  it.each(['2026-12-06', 'Prices', '2026-12-06 is a name', '12:00:00'])('leaves %s alone', (text) => {
    expect(isoFromPg(text)).toBe(text);
  });
});
