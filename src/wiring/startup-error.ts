/**
 * A start-up problem the operator fixes in their settings or on their machine: its message says
 * what is wrong and what to do, so `rivet` prints it as it is, without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The HTTP port is taken by another program (or another Rivet). */
export class PortInUseError extends StartupError {
  constructor(readonly port: number, options?: { cause?: unknown }) {
    super(`port ${port} is already in use (another program, or another Rivet, listens there): stop it, or set PORT to a free port`, options);
  }
}
