export { createLlmSecondOpinion, type LlmOptions } from './client.js';
export { LlmError, LlmRefusedError, LlmUnavailableError } from './errors.js';
