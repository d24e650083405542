import { countContentTypes, stageFailureOf } from './fetch-collector';

describe('fetch outcome', () => {
  it('counts content types by extension, else mime type', () => {
    expect(
      countContentTypes([
        { extension: 'json', mimeType: 'application/json' },
        { extension: 'json', mimeType: 'application/json' },
        { extension: null, mimeType: 'x/y' },
      ]),
    ).toEqual({ json: 2, 'x/y': 1 });
  });
  it('fails only when nothing was fetched, retriable when a source was unreachable', () => {
    const item = { extension: null } as never;
    expect(stageFailureOf({ items: [item], failures: [{ source: 'a', reason: 'down', unreachable: true }] })).toBeNull();
    expect(stageFailureOf({ items: [], failures: [{ source: 'a', reason: 'down', unreachable: true }] })).toMatchObject({
      code: 'INGESTION.SOURCE_UNREACHABLE',
      retriable: true,
    });
    expect(stageFailureOf({ items: [], failures: [{ source: 'a', reason: 'too big', unreachable: false }] })).toMatchObject({
      code: 'INGESTION.NOTHING_FETCHED',
      retriable: false,
    });
    expect(stageFailureOf({ items: [], failures: [] })).toMatchObject({ code: 'INGESTION.NOTHING_FETCHED' });
  });
});
