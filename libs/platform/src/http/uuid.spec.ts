import { isUuid } from './uuid';

describe('isUuid', () => {
  it('accepts a UUID in either case and nothing shaped like one', () => {
    expect(isUuid('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe(true);
    expect(isUuid('7C9E6679-7425-40DE-944B-E07FC1F90AE7')).toBe(true);
    expect(isUuid('-'.repeat(36))).toBe(false);
    expect(isUuid('7c9e6679742540de944be07fc1f90ae7----')).toBe(false);
    expect(isUuid('7c9e6679-7425-40de-944b-e07fc1f90ae')).toBe(false);
  });
});
