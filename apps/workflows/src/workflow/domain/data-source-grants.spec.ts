import { Who } from '@mindhill/domain';
import { codeOf } from '@mindhill/testing';
import { assertDataSourcesUsable, DataSourceGrant, dataSourceIdsOf } from './data-source-grants';

const MINE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const LENT = '9b2c0f4e-5d1a-4c3b-8e7f-0a1b2c3d4e5f';
const THEIRS = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const grants: DataSourceGrant[] = [
  { dataSourceId: MINE, ownerNumber: 7, usableByUsers: [] },
  { dataSourceId: LENT, ownerNumber: 9, usableByUsers: [7] },
  { dataSourceId: THEIRS, ownerNumber: 9, usableByUsers: [] },
];
const user: Who = { role: 'user', userNumber: 7 };

describe('data-source grants', () => {
  it("names the fetching stages' data sources once each, and none of something not shaped like a configuration", () => {
    const configuration = {
      stages: [
        { name: 'a', type: 'fetching', dataSources: [MINE, LENT] },
        { name: 'b', type: 'fetching', dataSources: [MINE] },
        { name: 'c', type: 'analysis' },
      ],
    };
    expect(dataSourceIdsOf(configuration)).toEqual([MINE, LENT]);
    expect(dataSourceIdsOf({ stages: 'all' })).toEqual([]);
    expect(dataSourceIdsOf(null)).toEqual([]);
  });

  it('lets a user name what they own or what is lent to them, and a data source not heard of yet', () => {
    expect(codeOf(() => assertDataSourcesUsable([MINE, LENT, '0f8fad5b-d9cb-469f-a165-70867728950e'], grants, user))).toBeNull();
  });

  it("refuses another user's data source, whatever the case of its id, naming it", () => {
    expect(() => assertDataSourcesUsable([MINE, THEIRS.toUpperCase()], grants, user)).toThrow(
      expect.objectContaining({ code: 'WORKFLOWS.DATA_SOURCE_NOT_USABLE', details: { dataSourceIds: [THEIRS] } }),
    );
  });

  it('lets an admin name any data source', () => {
    expect(codeOf(() => assertDataSourcesUsable([THEIRS], grants, { role: 'admin', userNumber: 1 }))).toBeNull();
  });
});
