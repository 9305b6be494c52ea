import { pino, type Logger, type DestinationStream } from 'pino';

/** Paths that may hold secrets in anything we log; pino replaces them before writing. */
export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'apiKey', '*.apiKey', 'secret', '*.secret',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'headers["x-api-key"]', 'headers["x-telegram-bot-api-secret-token"]', 'accessToken', 'refreshToken',
  '*.accessToken', '*.refreshToken', 'config.telegram.token', 'config.atlas.auth',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'rivet' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
