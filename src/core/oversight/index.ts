/**
 * Supervisor oversight, platform-free: threads for questions and work orders (service.ts), what
 * supervisors' replies and controls mean (desk.ts, commands.ts), their changes to work orders
 * (edits.ts), escalation of untouched HIGH reports (escalation.ts), and the ports it needs.
 */
export { createOversight, type FullOversight } from './service.js';
export { createSupervisorDesk, type SupervisorDesk, type SupervisorInput } from './desk.js';
export { createSupervisorCommand, type SupervisorCommand } from './commands.js';
export { createWorkOrderEditor, type WorkOrderEditor } from './edits.js';
export { createEscalation, isDue, type Escalation } from './escalation.js';
export { encodeControl, decodeControl, type Control } from './controls.js';
export { rootMessage, lineMessage, noteMessage } from './cards.js';
export type { OversightDeps } from './deps.js';
export type * from './model.js';
export type * from './ports.js';
