import type { Context } from 'hono';
import type { z } from 'zod';
import { BadRequestError } from './errors.js';

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

/** Parses a JSON body; malformed JSON is a 400, not a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new BadRequestError('Body must be valid JSON');
  }
  return parseWith(schema, raw);
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
