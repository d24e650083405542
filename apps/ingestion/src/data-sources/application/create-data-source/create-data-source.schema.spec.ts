import { createDataSourceBody } from './create-data-source.schema';

describe('create-data-source request', () => {
  it('fills the defaults of each type', () => {
    expect(createDataSourceBody.parse({ name: ' Orders ', type: 'api', url: 'https://example.com/o' })).toEqual({
      name: 'Orders',
      type: 'api',
      url: 'https://example.com/o',
      method: 'GET',
      format: 'auto',
    });
    expect(createDataSourceBody.parse({ name: 'Docs', type: 'file', folder: '/srv/data' })).toMatchObject({ glob: '*' });
    expect(
      createDataSourceBody.parse({ name: 'Db', type: 'database', connectionString: 'postgres://h/d', query: 'SELECT 1' }),
    ).toMatchObject({
      maxRows: 10_000,
    });
  });

  it("refuses fields of another type, bad URLs, short webhook secrets and unknown users' lists", () => {
    expect(createDataSourceBody.safeParse({ name: 'x', type: 'file', folder: '/srv', url: 'https://a' }).success).toBe(false);
    expect(createDataSourceBody.safeParse({ name: 'x', type: 'api', url: 'ftp://example.com' }).success).toBe(false);
    expect(createDataSourceBody.safeParse({ name: 'x', type: 'webhook', secret: 'short' }).success).toBe(false);
    expect(createDataSourceBody.safeParse({ name: 'x', type: 'webhook', secret: 'a'.repeat(16), sharedWithUsers: [0] }).success).toBe(
      false,
    );
    expect(createDataSourceBody.safeParse({ name: '  ', type: 'file', folder: '/srv' }).success).toBe(false);
  });
});
