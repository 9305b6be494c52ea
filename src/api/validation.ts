import type { Context } from 'hono';
import type { z } from 'zod';
import { BadRequestError } from './errors.js';
import { cleanText, parseSafeJson } from './safe-json.js';

function describe(error: z.ZodError): { message: string; fields: { field: string; message: string }[] } {
  const fields = error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  return { message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { message, fields } = describe(result.error);
    throw new BadRequestError(message, { fields });
  }
  return result.data;
}

/**
 * Parses a JSON body; malformed JSON is a 400, not a 500. Its text is sanitized first (no NUL, no
 * lone surrogate, depth capped: api/safe-json.ts), so what passes validation can be stored.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const parsed = parseSafeJson(await c.req.text());
  if (!parsed.ok) throw new BadRequestError('Body must be valid JSON');
  return parseWith(schema, parsed.value);
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const params = Object.fromEntries(Object.entries(c.req.query()).map(([k, v]) => [k, cleanText(v)]));
  return parseWith(schema, params);
}
