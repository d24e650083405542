// The answer bodies the report and admin pages read, taken from the generated OpenAPI types
// (packages/api-types) so a change of the API shows up as a type error here.
import type { operations } from '../../../../../packages/api-types/openapi';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<O extends keyof operations> = operations[O]['responses'];
export type Ok<O extends keyof operations> = JsonOf<Responses<O>[keyof Responses<O> & (200 | 201 | 202)]>;

export type ReportView = Ok<'getReportsById'>;
export type ReportRun = Ok<'getReportExecutionsById'>;
export type Delivery = Ok<'postReportDeliveriesByIdResend'>;
export type DeadLetter = Ok<'getDeadLettersById'>;
export type OutputFormat = ReportView['outputFormats'][number];
