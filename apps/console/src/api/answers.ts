// The 200 answer of a route, from the generated document types (they describe answer bodies now).
import type { paths } from '../../../../packages/api-types/openapi';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
export type AnswerOf<P extends keyof paths, M extends keyof paths[P]> = Ok<paths[P][M]>;
