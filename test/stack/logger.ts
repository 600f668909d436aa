import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** People at a terminal get readable lines; anything else (a log collector, CI) gets JSON. */
export function createLogger(options: { level: string; format?: 'pretty' | 'json' | undefined }): Logger {
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino({ level: options.level });
  return pino(
    { level: options.level },
    pretty({
      colorize: process.stdout.isTTY,
      translateTime: 'HH:MM:ss',
      ignore: 'pid,hostname,part',
      messageFormat: '{if part}{part}: {end}{msg}',
      singleLine: true,
      sync: true,
    }),
  );
}
