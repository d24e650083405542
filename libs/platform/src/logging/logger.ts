import pino, { Logger } from 'pino';
import { LoggerService } from '@nestjs/common';
import { currentContext } from '../context/request-context';
import { redactSecrets } from '@mindhill/domain';

let root: Logger = pino({ level: process.env.LOG_LEVEL ?? 'info', messageKey: 'msg' });

// One JSON line per entry on stdout; every line carries the service, and the correlation id
// of the request or message being handled; every object is passed through secret redaction.
export function initLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
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
  let cached: { base: Logger; child: Logger } | undefined;
  const current = () => {
    if (cached?.base !== root) cached = { base: root, child: root.child({ component }) };
    return cached.child;
  };
  return new Proxy({} as Logger, {
    get(_target, prop) {
      const logger = current();
      const value = (logger as unknown as Record<PropertyKey, unknown>)[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(logger) : value;
    },
  });
}

// Lets Nest's own messages (module init, route mapping) go through the same JSON logger.
export class NestPinoLogger implements LoggerService {
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]) {
    const component = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : 'nest';
    const logger = root.child({ component });
    if (message instanceof Error) logger[level]({ err: message }, message.message);
    else if (typeof message === 'object' && message !== null) logger[level](message as object);
    else logger[level](String(message));
  }
}
