import { z } from 'zod';
import { isFileAnswer } from '@mindhill/platform';
import { Access, RouteRule } from '../routing/route-table';
import { DOCUMENT_PATH } from './openapi.routes';
import { OperationFacts, operationKey } from './operation-facts';

type JsonSchema = Record<string, unknown>;

// The answer of every refusal, at the gateway and in every service (HttpErrorFilter).
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe('Machine-readable, e.g. AUTH.FORBIDDEN; stable across releases'),
      message: z.string().describe('For people; may change'),
      details: z.unknown().optional(),
    }),
    correlationId: z.string().optional(),
  })
  .describe('Every error answer: a code to branch on and a correlation id to quote');

const ERROR_REF = { $ref: '#/components/schemas/Error' };

// Refusals of the gateway that are the same on every route of a rule (proxy.routes.ts,
// access-policy.ts), described once under components.responses.
const SHARED_ERRORS = {
  Unauthenticated: {
    status: 401,
    codes: ['AUTH.TOKEN_MISSING', 'AUTH.TOKEN_INVALID', 'AUTH.TOKEN_EXPIRED', 'AUTH.TOKEN_STALE', 'AUTH.SESSION_REVOKED'],
  },
  Forbidden: { status: 403, codes: ['AUTH.FORBIDDEN'] },
  RateLimited: { status: 429, codes: ['REQUEST.RATE_LIMITED'] },
  UpstreamUnavailable: { status: 502, codes: ['GATEWAY.UPSTREAM_UNAVAILABLE'] },
  KeysUnavailable: { status: 503, codes: ['GATEWAY.KEYS_UNAVAILABLE'] },
} as const;
type SharedError = keyof typeof SHARED_ERRORS;

// The shared error answer, its code narrowed to those of this status of this route (a client's
// generated types and a validator see them, not only a reader of the description).
const errorResponse = (codes: readonly string[]) => ({
  description: `Error codes: ${codes.join(', ')}`,
  content: {
    'application/json': {
      schema: {
        allOf: [ERROR_REF, { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: [...codes] } } } } }],
      },
    },
  },
  'x-error-codes': [...codes],
});

// 400: the URL, then the schemas of the route and the JSON shape limits when it takes a body.
function badRequestCodes(facts: OperationFacts, raw: boolean): string[] {
  const codes = ['REQUEST.BAD_URL', ...facts.validationCodes];
  if (facts.body && !raw)
    codes.push('REQUEST.MALFORMED_BODY', 'GATEWAY.JSON_TOO_DEEP', 'GATEWAY.JSON_ARRAY_TOO_LONG', 'GATEWAY.JSON_TOO_MANY_KEYS');
  return [...new Set(codes)];
}

function sharedErrors(access: Access): SharedError[] {
  const always: SharedError[] = ['RateLimited', 'UpstreamUnavailable'];
  return access.kind === 'roles' ? ['Unauthenticated', 'Forbidden', ...always, 'KeysUnavailable'] : always;
}

// The Idempotency-Key header of the routes that create or start something (ADR 0022).
const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Optional (draft-ietf-httpapi-idempotency-key-header): the same key with the same request by the same user within 24 h ' +
    'answers the first answer again (header Idempotent-Replayed: true) with no second effect. Any string of 1 to 255 printable ' +
    'ASCII characters, bare or quoted; a random UUID is best.',
  schema: { type: 'string', minLength: 1, maxLength: 257 },
};
const IDEMPOTENT_REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: '"true" when this is the kept answer of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

function idempotencyResponses(responses: Record<string, unknown>) {
  const success = Object.keys(responses).find((status) => status.startsWith('2'));
  if (success) responses[success] = { ...(responses[success] as object), headers: IDEMPOTENT_REPLAYED_HEADER };
  const badRequest = responses['400'] as { 'x-error-codes': string[] };
  responses['400'] = errorResponse([...badRequest['x-error-codes'], 'IDEMPOTENCY.INVALID_KEY']);
  responses['409'] = errorResponse(['IDEMPOTENCY.IN_PROGRESS', 'IDEMPOTENCY.ANSWER_NOT_KEPT']);
  responses['422'] = errorResponse(['IDEMPOTENCY.KEY_REUSED']);
  responses['503'] = errorResponse([...SHARED_ERRORS.KeysUnavailable.codes, 'IDEMPOTENCY.STORE_UNAVAILABLE']);
}

// The codes the service's own rules answer (DomainError, found by scripts/openapi/error-codes.ts),
// added to the statuses they are answered with; a shared gateway response becomes the route's own.
function addDomainErrors(responses: Record<string, unknown>, domainCodes: readonly { code: string; status: number }[]) {
  for (const { code, status } of domainCodes) {
    const current = responses[String(status)];
    const codes = current ? ((current as { 'x-error-codes'?: string[] })['x-error-codes'] ?? sharedCodesOf(current)) : [];
    if (!codes.includes(code)) responses[String(status)] = errorResponse([...codes, code]);
  }
}

function sharedCodesOf(response: unknown): string[] {
  const ref = (response as { $ref?: string }).$ref;
  const name = ref?.split('/').pop() as SharedError | undefined;
  return name && name in SHARED_ERRORS ? [...SHARED_ERRORS[name].codes] : [];
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  // The input side of a request (what a client sends: defaults optional, before transforms); the
  // output side of an answer.
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

function operationId(rule: RouteRule): string {
  const words = rule.path
    .replace('/api/v1/', '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return [rule.method.toLowerCase(), ...words]
    .map((w, i) => (i ? w.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) : w))
    .join('');
}

function queryParameters(schema: z.ZodType) {
  const s = jsonSchema(schema);
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({ name, in: 'query', required: required.has(name), schema: prop }));
}

// A live event stream (route-table `stream`): the gateway answers Server-Sent Events; the
// service's history read at the same path gives its 404s and the cursor's 400s.
const STREAM_DESCRIPTION =
  'Server-Sent Events (text/event-stream), served by the gateway from the Kafka run events after a history read as the caller. ' +
  'Each message: `id: <cursor>` (opaque, increasing; send it back as Last-Event-ID to resume without gaps or repeats), ' +
  '`event: <type>` (created, started, stage-requested, stage-progressed, stage-completed, stage-failed, finished) and ' +
  '`data: {"type","executionId","workflowId","occurredAt","payload"}`. A `: keep-alive` comment line every 15 s. ' +
  "A run's stream ends after its `finished` event; any stream ends when access to it is withdrawn or the session revoked. " +
  "A run's stream without Last-Event-ID starts at the run's first event; a workflow's stream starts now.";

function streamResponses(facts: OperationFacts) {
  return {
    '200': {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: { type: 'string', description: 'id:, event: and data: lines per message' } } },
    },
    '400': errorResponse(['GATEWAY.INVALID_LAST_EVENT_ID', ...facts.validationCodes]),
    '404': errorResponse(facts.path.startsWith('/api/v1/executions') ? ['WORKFLOWS.EXECUTION_NOT_FOUND'] : ['WORKFLOWS.NOT_FOUND']),
  };
}

// The success answer: its schema as the service declares it (@Answer), the output side (what the
// client receives); none for a 204.
function successResponse(facts: OperationFacts) {
  if (facts.successStatus === 204) return { description: 'Done; no body' };
  if (!facts.answer) throw new Error(`${facts.handler} declares no answer schema (@Answer)`);
  if (isFileAnswer(facts.answer))
    return {
      description: facts.answer.description,
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    };
  return {
    description: facts.answer.description ?? 'Success',
    content: { 'application/json': { schema: jsonSchema(facts.answer, 'output') } },
  };
}

function operation(rule: RouteRule, facts: OperationFacts) {
  const responses: Record<string, unknown> = rule.stream
    ? streamResponses(facts)
    : {
        [String(facts.successStatus)]: successResponse(facts),
        '400': errorResponse(badRequestCodes(facts, Boolean(rule.raw))),
      };
  for (const name of sharedErrors(rule.access)) responses[String(SHARED_ERRORS[name].status)] = { $ref: `#/components/responses/${name}` };
  if (rule.idempotent) idempotencyResponses(responses);
  // The stream's own 429 (too many open streams) shares the status with the rate limit.
  if (rule.stream) responses['429'] = errorResponse(['REQUEST.RATE_LIMITED', 'GATEWAY.TOO_MANY_STREAMS']);
  addDomainErrors(responses, facts.errorCodes);
  const errorCodes = [
    ...new Set(Object.values(responses).flatMap((r) => (r as { 'x-error-codes'?: string[] })['x-error-codes'] ?? sharedCodesOf(r))),
  ].sort();
  const roles = rule.access.kind === 'roles' ? [...rule.access.roles] : [];
  const parameters = [
    ...pathParams(rule.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: facts.params[name] ? jsonSchema(facts.params[name]) : { type: 'string' },
    })),
    ...(rule.stream
      ? [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d{1,18}$' } }]
      : facts.query
        ? queryParameters(facts.query)
        : []),
    ...(rule.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : []),
  ];
  return {
    operationId: operationId(rule),
    tags: [rule.upstream],
    // Who may call it, at a glance in the reference page's list.
    summary: rule.access.kind === 'public' ? 'Public' : `Roles: ${roles.join(', ')}`,
    description: rule.stream
      ? `Needs an access token of one of the roles: ${roles.join(', ')}, and read access to the ${rule.stream} (as its GET). ${STREAM_DESCRIPTION} History from the ${rule.upstream} service (${facts.handler}).`
      : `${rule.access.kind === 'public' ? 'Public: no access token needed.' : `Needs an access token of one of the roles: ${roles.join(', ')}.`} Served by the ${rule.upstream} service (${facts.handler}).`,
    security: rule.access.kind === 'public' ? [] : [{ bearer: [] }],
    'x-roles': roles,
    'x-handler': facts.handler,
    // Every code the route can answer, whatever the status (the statuses list theirs).
    'x-error-codes': errorCodes,
    ...(rule.idempotent ? { 'x-idempotent': true } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(rule.raw
      ? { requestBody: { required: true, content: { '*/*': { schema: { description: 'Forwarded byte for byte (signed payloads)' } } } } }
      : facts.body
        ? {
            requestBody: {
              // The pipe validates a missing body as {}: optional when {} passes.
              required: !facts.body.safeParse({}).success,
              content: { 'application/json': { schema: jsonSchema(facts.body) } },
            },
          }
        : {}),
    responses,
  };
}

// The whole public API as OpenAPI 3.1: the gateway's route table (paths, auth rule, roles) joined
// with what the services' controllers validate. A route without a controller is an error.
export function buildOpenApiDocument(routes: readonly RouteRule[], facts: readonly OperationFacts[], version: string) {
  const byKey = new Map(facts.map((f) => [operationKey(f.method, f.path), f]));
  const missing = routes.filter((r) => !byKey.has(operationKey(r.method, r.path)));
  if (missing.length) throw new Error(`Routes without a service controller: ${missing.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const rule of routes) {
    const path = openApiPath(rule.path);
    paths[path] = { ...paths[path], [rule.method.toLowerCase()]: operation(rule, byKey.get(operationKey(rule.method, rule.path))!) };
  }
  // The gateway's own route: this document.
  paths[DOCUMENT_PATH] = {
    get: {
      operationId: 'getOpenapiJson',
      tags: ['gateway'],
      summary: 'Public',
      description: 'Public: no access token needed. This document.',
      security: [],
      'x-roles': [],
      'x-error-codes': [],
      responses: { '200': { description: 'This OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mind Hillmetric API',
      version,
      description: 'Generated from the route table of the gateway and the zod schemas the services validate with (npm run openapi).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set([...routes.map((r) => r.upstream), 'gateway'])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(errorEnvelope) },
      responses: Object.fromEntries(Object.entries(SHARED_ERRORS).map(([name, { codes }]) => [name, errorResponse(codes)])),
    },
  };
}
