import { updateDataSourceBody } from './update-data-source.schema';

describe('update-data-source request', () => {
  it('takes any field of any type (the decider checks it belongs to the source) but not an empty patch', () => {
    expect(updateDataSourceBody.parse({ folder: '/srv/data', secretHeaders: { authorization: null } })).toEqual({
      folder: '/srv/data',
      secretHeaders: { authorization: null },
    });
    expect(updateDataSourceBody.safeParse({}).success).toBe(false);
    expect(updateDataSourceBody.safeParse({ colour: 'red' }).success).toBe(false);
  });
});
