import { UAParser } from 'ua-parser-js';

export type Device = {
  deviceType: string | null;
  browserName: string | null;
  browserVersion: string | null;
  osName: string | null;
  osVersion: string | null;
};

// What the session list shows about where a session was opened. ua-parser-js reports no device
// type for desktops, so a known browser without one is a desktop.
export function deviceFromUserAgent(userAgent: string | null): Device {
  if (!userAgent) return { deviceType: null, browserName: null, browserVersion: null, osName: null, osVersion: null };
  const ua = new UAParser(userAgent.slice(0, 1000)).getResult();
  const cut = (v: string | undefined, n: number) => (v ? v.slice(0, n) : null);
  return {
    deviceType: ua.device.type ?? (ua.browser.name ? 'desktop' : null),
    browserName: cut(ua.browser.name, 50),
    browserVersion: cut(ua.browser.version, 20),
    osName: cut(ua.os.name, 50),
    osVersion: cut(ua.os.version, 20),
  };
}
