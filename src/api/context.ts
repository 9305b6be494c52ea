import type { Logger } from 'pino';

/** What every request handler can read from the Hono context. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
  };
};
