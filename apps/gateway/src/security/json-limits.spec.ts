import Fastify from 'fastify';
import { installJsonLimits, jsonShapeProblem } from './json-limits';

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

describe('installJsonLimits', () => {
  const inject = async (payload: string) => {
    const app = Fastify();
    installJsonLimits(app, { maxDepth: 4, maxArrayLength: 3, maxObjectKeys: 2 });
    app.setErrorHandler((error: any, _req, reply) => {
      void reply.status(error.getStatus?.() ?? error.statusCode ?? 500).send(error.getResponse?.() ?? { code: error.code });
    });
    app.post('/x', async (req) => ({ got: req.body }));
    const res = await app.inject({ method: 'POST', url: '/x', payload, headers: { 'content-type': 'application/json' } });
    await app.close();
    return { status: res.statusCode, body: res.json() };
  };

  it('parses JSON within the limits', async () => {
    expect(await inject('{"a":[1,2]}')).toEqual({ status: 200, body: { got: { a: [1, 2] } } });
  });

  it('refuses past a limit with a coded 400', async () => {
    expect(await inject('[[[[[1]]]]]')).toEqual({
      status: 400,
      body: { error: expect.objectContaining({ code: 'GATEWAY.JSON_TOO_DEEP' }) },
    });
  });

  it("keeps Fastify's refusal of prototype poisoning and of an empty body", async () => {
    expect((await inject('{"__proto__":{"admin":true}}')).status).toBe(400);
    expect((await inject('{"constructor":{"prototype":{"admin":true}}}')).status).toBe(400);
    expect(await inject('')).toMatchObject({ status: 400, body: { code: 'FST_ERR_CTP_EMPTY_JSON_BODY' } });
  });
});
