/**
 * A second opinion from a language model over an OpenAI-compatible chat-completions endpoint
 * (OpenAI, Azure, Ollama, vLLM, llama.cpp): RIVET_LLM_URL, RIVET_LLM_MODEL, RIVET_LLM_API_KEY.
 * Off unless configured; nothing leaves the deployment otherwise. Each question is bounded by a
 * timeout (3 s by default), answered from a small cache when asked again, traced as a step of
 * the message's trace, and never throws: on any failure the deterministic reading stands.
 */
import { z } from 'zod';
import type { Logger, Tracing } from '../../core/ports.js';
import { noTracing } from '../../core/ports.js';
import { checkOpinion, type SecondOpinion, type SecondOpinionPort, type SecondOpinionRequest } from '../../core/understanding/second-opinion.js';
import { LlmRefusedError, LlmUnavailableError } from './errors.js';
import { SYSTEM_PROMPT, userPrompt } from './prompt.js';

export interface LlmOptions {
  /** The API base, e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (…/chat/completions is added). */
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs?: number;
  /** Answers kept for repeated questions (default 500, for 10 minutes). */
  cacheSize?: number;
  cacheTtlMs?: number;
  logger: Logger;
  tracing?: Tracing;
  fetch?: typeof fetch;
  now?: () => number;
}

const completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

export function createLlmSecondOpinion(opts: LlmOptions): SecondOpinionPort {
  const endpoint = `${opts.url.replace(/\/+$/, '')}/chat/completions`;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const tracing = opts.tracing ?? noTracing;
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; answer: SecondOpinion | null }>();
  const cacheSize = opts.cacheSize ?? 500;
  const ttl = opts.cacheTtlMs ?? 10 * 60_000;

  async function call(req: SecondOpinionRequest): Promise<SecondOpinion | null> {
    let res: Response;
    try {
      res = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
        body: JSON.stringify({
          model: opts.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: userPrompt(req) },
          ],
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new LlmUnavailableError(`language model unreachable: ${(err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message}`, { cause: err });
    }
    if (res.status === 429 || res.status >= 500) throw new LlmUnavailableError(`language model answered ${res.status}`);
    if (!res.ok) throw new LlmRefusedError(`language model refused with ${res.status}`, res.status);
    const body = completion.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new LlmRefusedError('language model answered in an unexpected shape', res.status);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.data.choices[0]!.message.content ?? '');
    } catch {
      throw new LlmRefusedError('language model answered text that is not JSON', res.status);
    }
    const opinion = checkOpinion(parsed, req.candidates.map((c) => c.id));
    if (!opinion) throw new LlmRefusedError('language model answered without a usable intent', res.status);
    return opinion;
  }

  return {
    async ask(req) {
      const key = `${req.text}\u0000${req.candidates.map((c) => c.id).join(',')}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttl) return hit.answer;
      const started = now();
      try {
        const answer = await tracing.span('second opinion', { runType: 'llm', inputs: { model: opts.model, candidates: req.candidates.length }, outputs: (o) => ({ opinion: o }) }, () => call(req));
        remember(key, answer);
        return answer;
      } catch (err) {
        const e = err as Error;
        opts.logger.warn({ err: e.message, kind: e.name, ms: now() - started }, 'no second opinion; keeping Rivet’s own reading');
        // An invalid answer is as good as none, and asking again gives the same: remember that too.
        if (err instanceof LlmRefusedError) remember(key, null);
        return null;
      }
    },
  };

  function remember(key: string, answer: SecondOpinion | null): void {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, { at: now(), answer });
  }
}
