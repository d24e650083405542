import { canonicalJson, configurationHash, parseConfiguration } from './workflow-definition';

const source = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

describe('parseConfiguration', () => {
  it('accepts stages and fills the settings defaults', () => {
    const config = parseConfiguration(
      {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [source] },
          { name: 'norm', type: 'normalization' },
        ],
      },
      { template: false },
    );
    expect(config.stages[1]).toEqual({
      name: 'norm',
      type: 'normalization',
      timeoutSeconds: 300,
      settings: { unicodeForm: 'NFKC', stripHtml: true, collapseWhitespace: true, lowercase: false },
    });
  });

  it.each([
    ['no stages', { stages: [] }, 'configuration.stages'],
    [
      'an unknown stage type',
      {
        stages: [
          { name: 'f', type: 'fetching', dataSources: [source] },
          { name: 'x', type: 'teleport' },
        ],
      },
      'configuration.stages.1.type',
    ],
    ['a first stage that is not fetching', { stages: [{ name: 'n', type: 'normalization' }] }, 'configuration.stages.0.type'],
    [
      'an unknown setting',
      { stages: [{ name: 'f', type: 'fetching', dataSources: [source], settings: { turbo: true } }] },
      'configuration.stages.0.settings',
    ],
    [
      'a duplicate stage name',
      {
        stages: [
          { name: 'f', type: 'fetching', dataSources: [source] },
          { name: 'f', type: 'analysis' },
        ],
      },
      'configuration.stages.1.name',
    ],
    ['a fetching stage without sources', { stages: [{ name: 'f', type: 'fetching' }] }, 'configuration.stages.0.dataSources'],
    [
      'a timeout out of range',
      { stages: [{ name: 'f', type: 'fetching', dataSources: [source], timeoutSeconds: 0 }] },
      'configuration.stages.0.timeoutSeconds',
    ],
  ])('refuses %s, naming the path', (_what, raw, path) => {
    try {
      parseConfiguration(raw, { template: false });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as { code: string }).code).toBe('WORKFLOWS.INVALID_CONFIGURATION');
      expect((error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path)).toContain(path);
    }
  });

  it('lets a template leave its fetching stage without sources', () => {
    expect(parseConfiguration({ stages: [{ name: 'f', type: 'fetching' }] }, { template: true }).stages).toHaveLength(1);
  });
});

describe('configurationHash', () => {
  it('does not depend on key order', () => {
    expect(configurationHash({ a: 1, b: { c: [1, 2], d: null } })).toBe(configurationHash({ b: { d: null, c: [1, 2] }, a: 1 }));
    expect(configurationHash({ a: 1 })).not.toBe(configurationHash({ a: 2 }));
    expect(canonicalJson({ b: 1, a: [true] })).toBe('{"a":[true],"b":1}');
  });
});
