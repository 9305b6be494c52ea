/**
 * Observing Rivet's own decisions: what it understood, how "which machine?" went, hand-overs,
 * and people's corrections as labelled feedback (types.ts), and the port they leave through.
 */
export * from './types.js';
export { noObserver, type Observer } from './ports.js';
export { saidOf, observe } from './said.js';
