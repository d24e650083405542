import { jsonShapeProblem } from './json-limits';

const limits = { maxDepth: 4, maxArrayLength: 3, maxObjectKeys: 2 };

describe('jsonShapeProblem', () => {
  it('accepts JSON within every limit', () => {
    expect(jsonShapeProblem('{"a":[1,2,3],"b":{"c":[[]]}}', limits)).toBeNull();
    expect(jsonShapeProblem('[]', limits)).toBeNull();
    expect(jsonShapeProblem('"a string"', limits)).toBeNull();
  });

  it('refuses nesting past the depth limit', () => {
    expect(jsonShapeProblem('[[[[1]]]]', limits)).toBeNull();
    expect(jsonShapeProblem('[[[[[1]]]]]', limits)?.code).toBe('GATEWAY.JSON_TOO_DEEP');
    expect(jsonShapeProblem('{"a":{"b":{"c":{"d":{}}}}}', limits)?.code).toBe('GATEWAY.JSON_TOO_DEEP');
  });

  it('refuses a long array and an object with many keys', () => {
    expect(jsonShapeProblem('[1,2,3,4]', limits)?.code).toBe('GATEWAY.JSON_ARRAY_TOO_LONG');
    expect(jsonShapeProblem('{"a":1,"b":2,"c":3}', limits)?.code).toBe('GATEWAY.JSON_TOO_MANY_KEYS');
  });

  it('does not count brackets and commas inside strings, escaped quotes included', () => {
    expect(jsonShapeProblem('{"a":"[[[[[[,,,,,{{{{","b":"\\"[[[[[["}', limits)).toBeNull();
  });

  it('counts members per container, not across siblings', () => {
    expect(jsonShapeProblem('[[1,2,3],[1,2,3],[1,2,3]]', limits)).toBeNull();
  });
});
