import { AccessWatermarks } from './access-watermarks';

describe('AccessWatermarks', () => {
  it('refuses tokens issued before the last change of that user only', () => {
    const marks = new AccessWatermarks();
    marks.raise('u1', 5);
    expect(marks.isStale('u1', 4)).toBe(true);
    expect(marks.isStale('u1', 0)).toBe(true);
    expect(marks.isStale('u1', 5)).toBe(false);
    expect(marks.isStale('u1', 9)).toBe(false);
    expect(marks.isStale('u2', 0)).toBe(false);
  });

  it('keeps the highest version whatever order the events come in', () => {
    const marks = new AccessWatermarks();
    marks.raise('u1', 7);
    marks.raise('u1', 3);
    expect(marks.isStale('u1', 6)).toBe(true);
    expect(marks.size).toBe(1);
  });
});
