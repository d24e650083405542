import { HttpException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

export type JsonLimits = { maxDepth: number; maxArrayLength: number; maxObjectKeys: number };
export type JsonShapeProblem = {
  code: 'GATEWAY.JSON_TOO_DEEP' | 'GATEWAY.JSON_ARRAY_TOO_LONG' | 'GATEWAY.JSON_TOO_MANY_KEYS';
  message: string;
};

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// One pass over the text, before JSON.parse builds anything: nesting depth, and the members of
// each array and object (counted by their separators, so a malformed text can only be
// over-counted by one, and JSON.parse still refuses it afterwards).
export function jsonShapeProblem(text: string, limits: JsonLimits): JsonShapeProblem | null {
  const isArray: boolean[] = [];
  const members: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (isArray.length >= limits.maxDepth) {
        return { code: 'GATEWAY.JSON_TOO_DEEP', message: `JSON nests deeper than ${limits.maxDepth} levels` };
      }
      isArray.push(c === OPEN_ARRAY);
      // 1 until a separator shows there is more; an empty one is never over any limit.
      members.push(1);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      isArray.pop();
      members.pop();
    } else if (c === COMMA && members.length > 0) {
      const top = members.length - 1;
      const count = ++members[top]!;
      if (isArray[top] && count > limits.maxArrayLength) {
        return { code: 'GATEWAY.JSON_ARRAY_TOO_LONG', message: `A JSON array has more than ${limits.maxArrayLength} items` };
      }
      if (!isArray[top] && count > limits.maxObjectKeys) {
        return { code: 'GATEWAY.JSON_TOO_MANY_KEYS', message: `A JSON object has more than ${limits.maxObjectKeys} keys` };
      }
    }
  }
  return null;
}

// The gateway's JSON parser: the shape limits first (400 with a GATEWAY.* code), then Fastify's
// own parser, which keeps secure-json-parse's refusal of __proto__ and constructor.prototype.
export function installJsonLimits(app: FastifyInstance, limits: JsonLimits): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    const problem = jsonShapeProblem(text, limits);
    if (problem) return done(new HttpException({ error: problem }, 400), undefined);
    // Fastify's default JSON parser is the callback form: it answers through `done` and returns nothing.
    void parse(req, text, done);
  });
}
