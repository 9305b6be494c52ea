/**
 * The conversation: the chat engine adapters call (engine.ts, its input in input.ts, the
 * storage it needs in stores.ts), the pure flow it decides with (flow.ts), button payloads and
 * reply texts.
 */
export { createChatEngine, type ChatEngine, type ChatEngineDeps } from './engine.js';
export { conversationKey, CHAT_COMMANDS, type ChatCommand, type ChatEvent, type ChatInput, type ChatOutcome, type ChatPlace } from './input.js';
export type {
  ConversationStore, FiledWorkOrders, InboundRecord, KeptFile, KeptFileLog, LinkRedemption, LinkTokens, MessageLog,
  PeopleStore, Person, PlatformIdentity, StoredConversation,
} from './stores.js';
export { LinkRefusedError } from './stores.js';
export { parseWorkOrderNumber } from './commands.js';
export { createUnderstanding, warmUnderstanding, type Understanding } from './understanding.js';
export { createConversationFlow, MAX_TEXT, type ConversationFlow } from './flow.js';
export { decodeButton, encodeFlow, encodeQuestion, convTag, MAX_CALLBACK_BYTES, type ButtonPayload, type FlowAction } from './callback-data.js';
export { parseFlowState } from './state.js';
export { outcome } from './kit.js';
export { t as texts, refusal, assetLabel, STATUS_LABEL, PRIORITY_LABEL, PLATFORM_NAME } from './texts.js';
export { actorOf } from './turn.js';
export { isConversationExpired, CONVERSATION_IDLE_MS, CONVERSATION_MAX_AGE_MS } from './expiry.js';
export type * from './types.js';
