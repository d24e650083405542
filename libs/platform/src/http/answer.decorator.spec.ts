import 'reflect-metadata';
import { z } from 'zod';
import { Answer, answerSchemaOf, fileAnswer, isFileAnswer, isoTimestamp } from './answer.decorator';

const thing = z.object({ id: z.string(), count: z.number(), at: isoTimestamp() });

// The compile-time half of the check: tsc (CI's typecheck) fails when one of the expected errors
// below is no longer an error, i.e. when the decorator stops refusing a drift.
class Things {
  @Answer(thing)
  fits() {
    return Promise.resolve({ id: 'a', count: 1, at: new Date() });
  }

  // @ts-expect-error count is a string: not what the schema answers
  @Answer(thing)
  wrongType() {
    return { id: 'a', count: '1', at: '2026-01-01T00:00:00Z' };
  }

  // @ts-expect-error at is missing
  @Answer(thing)
  missingField() {
    return { id: 'a', count: 1 };
  }
}

describe('@Answer', () => {
  it('keeps the schema on the handler for the OpenAPI generator', () => {
    expect(answerSchemaOf(Things.prototype.fits)).toBe(thing);
    expect(answerSchemaOf(Things.prototype.wrongType)).toBe(thing);
    expect(answerSchemaOf(() => undefined)).toBeUndefined();
  });

  it('marks a file answer apart from JSON', () => {
    expect(isFileAnswer(fileAnswer)).toBe(true);
    expect(isFileAnswer(thing)).toBe(false);
  });
});
