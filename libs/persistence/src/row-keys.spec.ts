import { apiKeys } from './row-keys';

describe('apiKeys: a seed row in the API', () => {
  it('given a row with uuid and id, when named, then id is the uuid and the integer is its number', () => {
    expect(apiKeys({ id: 7, uuid: 'u-7', stage_name: 'fetch' })).toEqual({ number: 7, id: 'u-7', stageName: 'fetch' });
  });

  it('given x_uuid beside x_id, when named, then xId is the uuid and xNumber the integer', () => {
    expect(apiKeys({ execution_id: 3, execution_uuid: 'e-3', workflow_uuid: 'w-1' })).toEqual({
      executionNumber: 3,
      executionId: 'e-3',
      workflowId: 'w-1',
    });
  });

  it('given an x_id without its uuid, when named, then it stays xId', () => {
    expect(apiKeys({ processing_id: 4, fetching_id: null })).toEqual({ processingId: 4, fetchingId: null });
  });

  it("given the seed's flux, when named, then it is a data source", () => {
    expect(apiKeys({ flux_id: 2, flux_uuid: 'f-2' })).toEqual({ dataSourceNumber: 2, dataSourceId: 'f-2' });
  });

  it('given nested JSON, when named, then its keys are left as stored', () => {
    expect(apiKeys({ quality_metrics: { some_key: 1 }, items_per_second: 2.5 })).toEqual({
      qualityMetrics: { some_key: 1 },
      itemsPerSecond: 2.5,
    });
  });
});
