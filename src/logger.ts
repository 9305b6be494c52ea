/**
 * The process's logger: pino, JSON lines (human-readable through pino-pretty when stdout is a
 * terminal). Two kinds of redaction, both by pino's `redact` so no call site can forget them:
 * credentials are never written, at any level; what people said or are (message texts, email
 * addresses, one-time tokens) is written only when LOG_LEVEL is debug or trace. Call sites keep
 * such values in these fields (`text`, `email`, `token`…), never in the message string.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Credentials: replaced at every level. */
export const SECRET_PATHS = [
  'password', '*.password', 'apiKey', '*.apiKey', 'secret', '*.secret', 'botToken', '*.botToken',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'cookie', '*.cookie',
  'headers["x-api-key"]', 'headers["x-telegram-bot-api-secret-token"]', 'accessToken', 'refreshToken',
  '*.accessToken', '*.refreshToken', 'config.telegram.token', 'config.atlas.auth', 'config.slack.botToken', 'config.stripe.secretKey',
];

/** People's words and addresses, and one-time tokens: replaced unless the level is debug or trace. */
export const PERSONAL_PATHS = [
  'text', '*.text', '*.*.text', 'caption', '*.caption', 'description', '*.description', 'question', '*.question', 'answer', '*.answer',
  'email', '*.email', '*.*.email', 'token', '*.token', '*.*.token',
];

/** Kept for callers that list what is always hidden. */
export const REDACT_PATHS = SECRET_PATHS;

const VERBOSE = new Set(['debug', 'trace']);

export function redactPathsFor(level: string): string[] {
  return VERBOSE.has(level) ? SECRET_PATHS : [...SECRET_PATHS, ...PERSONAL_PATHS];
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'rivet' },
    redact: { paths: redactPathsFor(level), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(options, destination);
  // A person at a terminal reads lines; everything else (a container, a file, a pipe) gets JSON.
  if (process.stdout.isTTY) return pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
  return pino(options);
}

export type { Logger };
