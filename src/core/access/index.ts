/**
 * Who may do what (docs/security.md, "Who may do what"): can() decides every chat action on
 * what Rivet knows; admission decides who may use the bot; the guard feeds can() for the flow.
 */
export { can, crewKey, isSupervisor } from './can.js';
export { ALLOWED, isAllowed, type Action, type Actor, type Decision, type Denial, type QuestionFacts, type Role, type WorkOrderFacts } from './types.js';
export {
  admit, emptyAllowlist, mayLink, onAllowlist, parseAllowlist, SIGNUP_MODES, type Admission, type Admittee, type Allowlist, type SignupMode,
} from './admission.js';
export { attributionOf, type AttributionRecord } from './attribution.js';
export { createAccessGuard, DEFAULT_LOOKUP_RULE, type AccessGuard, type AccessGuardDeps, type WorkOrderAction } from './guard.js';
export type { AccessRecords, AllowedChat, AllowedChats, NoticeLog, RateLimiter, RateRule, RivetWorkOrderFacts } from './ports.js';
