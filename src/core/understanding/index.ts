/**
 * Message understanding: intent, priority, work-order numbers, status, asset mention,
 * title and language for one technician message. Pure functions, no I/O.
 */
export { interpret, type Interpretation, type InterpretContext } from './interpret.js';
export type { Language } from './language.js';
export { findWorkOrder, type WorkOrderRef } from './workorder-number.js';
export { detectPriority } from './priority.js';
export { detectStatus } from './status.js';
export { detectLanguage } from './language.js';
export { makeTitle } from './title.js';
