import { WorkflowInput } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';
import { parseInputDeclarations, resolveRunInputs } from './workflow-inputs';

const input = (name: string, type: WorkflowInput['type'], required = false, extra: Partial<WorkflowInput> = {}): WorkflowInput => ({
  name,
  type,
  required,
  ...extra,
});

const declared: WorkflowInput[] = [
  input('city', 'string', true),
  input('days', 'number', false, { default: 7 }),
  input('dryRun', 'boolean', false, { default: false }),
  input('since', 'date'),
  input('filter', 'json'),
];

// The refusal's issues, or what the run starts with.
function issuesOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'WORKFLOWS.INVALID_INPUT') return error.details?.issues;
    throw error;
  }
  throw new Error('expected WORKFLOWS.INVALID_INPUT');
}

describe('run inputs: the decision', () => {
  it('given declared inputs, when the required ones are given, then the defaults fill the rest and optional ones stay absent', () => {
    expect(resolveRunInputs(declared, { city: 'Oslo' })).toEqual({ city: 'Oslo', days: 7, dryRun: false });
  });

  it('given declared inputs, when every one is given, then the given values win over the defaults', () => {
    const given = { city: 'Oslo', days: 2.5, dryRun: true, since: '2026-12-01', filter: { tags: ['a'], deep: null } };
    expect(resolveRunInputs(declared, given)).toEqual(given);
  });

  it.each([
    ['string', 'Oslo', [3, true, null, { a: 1 }]],
    ['number', -1.5, ['3', Number.NaN, Number.POSITIVE_INFINITY, true, null]],
    ['boolean', true, ['true', 0, null]],
    ['date', '2026-12-06T20:00:00+01:00', ['yesterday', '2026-13-01', '06/12/2026', 1_733_500_000, null]],
    ['json', null, []],
  ] as const)(
    'given a %s input, when a value of its type is given, then it is taken; of another type, then wrong-type',
    (type, good, bad) => {
      const one = [input('x', type)];
      expect(resolveRunInputs(one, { x: good })).toEqual({ x: good });
      for (const value of bad) {
        expect(issuesOf(() => resolveRunInputs(one, { x: value }))).toEqual([
          { name: 'x', code: 'wrong-type', message: expect.any(String) },
        ]);
      }
    },
  );

  it('given a date input, when a plain date or a date-time with Z is given, then it is taken as written', () => {
    const one = [input('at', 'date')];
    expect(resolveRunInputs(one, { at: '2026-12-06' })).toEqual({ at: '2026-12-06' });
    expect(resolveRunInputs(one, { at: '2026-12-06T20:00:00Z' })).toEqual({ at: '2026-12-06T20:00:00Z' });
  });

  it('given declared inputs, when a required one is missing, then missing (a default would have filled it)', () => {
    expect(issuesOf(() => resolveRunInputs(declared, {}))).toEqual([{ name: 'city', code: 'missing', message: 'city is required' }]);
    expect(resolveRunInputs([input('city', 'string', true, { default: 'Oslo' })], {})).toEqual({ city: 'Oslo' });
  });

  it('given declared inputs, when an undeclared name is given, then unknown', () => {
    expect(issuesOf(() => resolveRunInputs(declared, { city: 'Oslo', parameters: 1 }))).toEqual([
      { name: 'parameters', code: 'unknown', message: 'the workflow declares no input parameters' },
    ]);
  });

  it('given no declared inputs, when none are given, then the run has none; when any is given, then unknown', () => {
    expect(resolveRunInputs([], {})).toEqual({});
    expect(issuesOf(() => resolveRunInputs([], { city: 'Oslo' }))).toEqual([
      { name: 'city', code: 'unknown', message: expect.any(String) },
    ]);
  });

  it('given several problems, when the run is asked for, then every one is reported at once', () => {
    expect(issuesOf(() => resolveRunInputs(declared, { days: 'seven', extra: true }))).toEqual([
      { name: 'extra', code: 'unknown', message: expect.any(String) },
      { name: 'city', code: 'missing', message: expect.any(String) },
      { name: 'days', code: 'wrong-type', message: 'days must be a finite number' },
    ]);
  });

  it('given inputs that are not an object, when the run is asked for, then not-an-object', () => {
    for (const given of [null, ['Oslo'], 'Oslo']) {
      expect(issuesOf(() => resolveRunInputs(declared, given))).toEqual([{ name: '', code: 'not-an-object', message: expect.any(String) }]);
    }
  });

  it("given a webhook's delivery, when the run starts, then it is an input besides the declared ones with their defaults", () => {
    const delivery = { deliveryId: 'd-1', sha256: 'ab' };
    expect(resolveRunInputs([input('days', 'number', false, { default: 7 })], {}, { delivery })).toEqual({ days: 7, delivery });
  });

  it('given an input named like an Object prototype member, when nothing is given, then it is not taken from the prototype', () => {
    expect(issuesOf(() => resolveRunInputs([input('toString', 'string', true)], {}))).toEqual([
      { name: 'toString', code: 'missing', message: expect.any(String) },
    ]);
  });
});

describe('declared inputs: the decision when a workflow is saved', () => {
  it('given inputs with defaults of their type, when saved, then kept with a null description when none', () => {
    expect(parseInputDeclarations([input('days', 'number', false, { default: 7 }), input('at', 'date', true)])).toEqual([
      { name: 'days', type: 'number', required: false, default: 7, description: null },
      { name: 'at', type: 'date', required: true, description: null },
    ]);
  });

  it('given a default of another type or a name declared twice, when saved, then WORKFLOWS.INVALID_INPUT_DECLARATION with each issue', () => {
    try {
      parseInputDeclarations([input('days', 'number', false, { default: '7' }), input('days', 'string')]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('WORKFLOWS.INVALID_INPUT_DECLARATION');
      expect((error as DomainError).details?.issues).toEqual([
        { path: 'inputs.0.default', message: 'must be a finite number' },
        { path: 'inputs.1.name', message: 'days is declared twice' },
      ]);
    }
  });
});
