import { deviceFromUserAgent } from './device';

describe('deviceFromUserAgent', () => {
  it('reads a desktop browser', () => {
    expect(
      deviceFromUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'),
    ).toMatchObject({
      deviceType: 'desktop',
      browserName: 'Chrome',
      browserVersion: '120.0.0.0',
      osName: 'Linux',
    });
  });
  it('reads a phone', () => {
    expect(
      deviceFromUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toMatchObject({
      deviceType: 'mobile',
      browserName: 'Mobile Safari',
      osName: 'iOS',
      osVersion: '17.1',
    });
  });
  it('knows nothing of a missing user agent', () => {
    expect(deviceFromUserAgent(null)).toEqual({ deviceType: null, browserName: null, browserVersion: null, osName: null, osVersion: null });
  });
});
