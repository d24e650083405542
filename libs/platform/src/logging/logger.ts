import pino, { Logger } from 'pino';
import { redactSecrets } from '@mindhill/domain';
import { currentContext } from '../context/request-context';
import { LOG_REDACTION } from './log-redaction';

let root: Logger = pino({ level: process.env.LOG_LEVEL ?? 'info', messageKey: 'msg' });

// One JSON line per entry on stdout; every line carries the service, and the correlation id
// of the request or message being handled. Secrets are removed twice: every logged object goes
// through redactSecrets (any key named like a secret, at any depth), and pino's redact paths
// cover what that pass does not see (serializer output and child bindings: requests, headers).
export function initLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: LOG_REDACTION,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactSecrets(object),
    },
    mixin: () => {
      const ctx = currentContext();
      return ctx ? { correlationId: ctx.correlationId, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) } : {};
    },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  // Default: pino's synchronous stdout, so the last line before an exit is never lost.
  root = destination ? pino(options, destination) : pino(options);
  return root;
}

// Loggers are often created at import time, before initLogger runs; each call is forwarded to
// a child of the current root so the configured level and format always apply.
export function getLogger(component: string): Logger {
  return forwardingLogger((current) => current.child({ component }));
}

// A logger that resolves to `derive(root)` of whatever the root is when it is used (re-derived
// when initLogger replaced it). Its children forward the same way, so a library that keeps the
// child it made at start-up still writes through the current root.
function forwardingLogger(derive: (current: Logger) => Logger): Logger {
  let cached: { base: Logger; logger: Logger } | undefined;
  const resolve = () => {
    if (cached?.base !== root) cached = { base: root, logger: derive(root) };
    return cached.logger;
  };
  const child = (bindings: pino.Bindings, options?: pino.ChildLoggerOptions): Logger =>
    forwardingLogger(() => resolve().child(bindings, options));
  return new Proxy(root, {
    get(_target, prop) {
      if (prop === 'child') return child;
      const logger = resolve();
      const value: unknown = Reflect.get(logger, prop, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
  });
}
