/** The Slack adapter: Bolt translating supervisors' and technicians' requests, and the Slack transport for everything Rivet says there. */
export { createSlackBot, slackClientOptions, teamOf, type SlackBot } from './app.js';
export { createSlackTransport, classifySlackError, ThreadNotReadyError } from './transport.js';
export { serializePerConversation } from './ordering.js';
export { toBlocks } from './blocks.js';
export { SEND_TO_TECHNICIAN } from './features/oversight.js';
export { COMMAND } from './features/command.js';
export type { SlackBotDeps, SlackSelf } from './context.js';
