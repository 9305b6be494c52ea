/**
 * The browser demo as a chat platform: the hub (the "platform" the page talks to), the adapter
 * in front of the chat engine and the supervisor desk, the transport replies leave through,
 * and the sessions of the people on the page.
 */
export { createDemoHub, type DemoHub, type DemoMessage, type DemoEvent, type DemoUpload } from './hub.js';
export { createDemoAdapter, type DemoAdapter, type DemoAdapterDeps } from './adapter.js';
export { createDemoTransport, DemoThreadNotReadyError, BOT_NAME } from './transport.js';
export { createDemoSessions, DEMO_SUPERVISOR, type DemoSession, type DemoSessions } from './sessions.js';
export { demoUpdate, demoOrderingKey, DEMO_ID, type DemoUpdate } from './updates.js';

/** The supervisors' channel on the page (the demo's SLACK_OVERSIGHT_CHANNEL). */
export const DEMO_CHANNEL_ID = 'demo-oversight';
