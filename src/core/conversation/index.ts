/** The chat flow: pending steps, button payloads, reply texts. Pure; see flow.ts. */
export { createConversationFlow, MAX_TEXT, type ConversationFlow } from './flow.js';
export { decodeButton, encodeFlow, encodeQuestion, convTag, MAX_CALLBACK_BYTES, type ButtonPayload, type FlowAction } from './callback-data.js';
export { parseFlowState } from './state.js';
export { outcome } from './kit.js';
export { t as texts, assetLabel, STATUS_LABEL, PRIORITY_LABEL } from './texts.js';
export { isConversationExpired, CONVERSATION_IDLE_MS } from './expiry.js';
export type * from './types.js';
