import { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { getLogger } from './logger';

// Lets Nest's own messages (module init, route mapping) go through the same JSON logger; the
// component is Nest's context argument (the class that logged), 'nest' without one.
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
    const last = rest[rest.length - 1];
    const logger = getLogger(typeof last === 'string' ? last : 'nest');
    if (message instanceof Error) logger[level]({ err: message }, message.message);
    else if (typeof message === 'object' && message !== null) logger[level](message);
    else logger[level](String(message));
  }
}
