import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it; free again once this returns). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}
