/**
 * Graceful shutdown: things stop in the reverse order they started, within a deadline,
 * and a second signal (or the deadline) forces the exit.
 */
import type { Logger } from 'pino';

export interface Lifecycle {
  /** Registers something to close on shutdown; closed in reverse order of registration. */
  onShutdown(name: string, close: () => Promise<void> | void): void;
  shutdown(reason: string): Promise<void>;
  readonly stopping: boolean;
}

export function createLifecycle(logger: Logger, deadlineMs = 10_000): Lifecycle {
  const closers: { name: string; close: () => Promise<void> | void }[] = [];
  let running: Promise<void> | null = null;
  return {
    onShutdown(name, close) {
      closers.push({ name, close });
    },
    get stopping() {
      return running !== null;
    },
    shutdown(reason) {
      if (running) return running;
      logger.info({ reason }, 'shutting down');
      running = (async () => {
        const deadline = Date.now() + deadlineMs;
        for (const { name, close } of [...closers].reverse()) {
          const left = Math.max(deadline - Date.now(), 100);
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([
              Promise.resolve().then(close),
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`did not close within ${left} ms`)), left);
              }),
            ]);
            logger.debug({ component: name }, 'closed');
          } catch (err) {
            logger.warn({ component: name, err: (err as Error).message }, 'close failed');
          } finally {
            clearTimeout(timer);
          }
        }
        logger.info('shutdown complete');
      })();
      return running;
    },
  };
}

/** SIGTERM/SIGINT start a graceful shutdown; a second signal exits at once. */
export function handleSignals(lifecycle: Lifecycle, logger: Logger, exit: (code: number) => void = process.exit): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    lifecycle.shutdown(signal).then(
      () => exitWhenIdle(0),
      () => exitWhenIdle(1),
    );
  };
  // After a clean shutdown nothing should keep the event loop alive; if something
  // does (a leaked socket or timer), say so and exit anyway.
  const exitWhenIdle = (code: number) => {
    process.exitCode = code;
    setTimeout(() => {
      logger.warn({ handles: process.getActiveResourcesInfo() }, 'open handles remain after shutdown; forcing exit');
      exit(code);
    }, 2_000).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
