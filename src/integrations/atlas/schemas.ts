/**
 * zod schemas for what Atlas returns (contract §3–§9), validated at the boundary. Objects are tolerant:
 * unknown keys are dropped, most keys may be missing or null, and dates accept both of Atlas's formats (§1.3).
 */
import { z } from 'zod';
import { PRIORITIES, WORK_ORDER_STATUSES } from '../../core/model.js';
import { unescapeHtml } from './html.js';

/** `2025-05-14T16:00:00.000+00:00` (java.util.Date), `2025-05-12T08:15:30.120Z` (Instant), or epoch ms. */
export const atlasDate = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: `invalid date: ${String(v).slice(0, 40)}` });
    return z.NEVER;
  }
  return d;
});
const optDate = atlasDate.nullish().transform((d) => d ?? null);
/** Free text Atlas stored through Jsoup: unescaped for display. */
export const text = z.string().transform(unescapeHtml);
const optText = text.nullish().transform((s) => s ?? null);
const optString = z.string().nullish().transform((s) => s ?? null);
const optNumber = z.number().nullish().transform((n) => n ?? null);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((a) => a ?? []);

export const prioritySchema = z.enum(PRIORITIES);
export const statusSchema = z.enum(WORK_ORDER_STATUSES);

export const fileMiniSchema = z.object({ id: z.number(), name: optText, url: optString });
export const userMiniSchema = z.object({
  id: z.number(),
  firstName: optText,
  lastName: optText,
  phone: optString,
});
export const categoryMiniSchema = z.object({ id: z.number(), name: text });
export const locationMiniSchema = z.object({
  id: z.number(),
  name: text,
  address: optText,
  customId: optString,
  parentId: optNumber,
});
export const assetMiniSchema = z.object({
  id: z.number(),
  name: text,
  customId: optString,
  parentId: optNumber,
  locationId: optNumber,
});

export const workOrderSchema = z.object({
  id: z.number(),
  customId: z.string(),
  title: text,
  description: optText,
  priority: prioritySchema.nullish().transform((p) => p ?? 'NONE'),
  status: statusSchema,
  dueDate: optDate,
  estimatedStartDate: optDate,
  estimatedDuration: optNumber,
  requiredSignature: z.boolean().nullish().transform((b) => b ?? false),
  archived: z.boolean().nullish().transform((b) => b ?? false),
  category: categoryMiniSchema.nullish().transform((v) => v ?? null),
  location: locationMiniSchema.nullish().transform((v) => v ?? null),
  team: z.object({ id: z.number(), name: optText, users: list(userMiniSchema) }).nullish().transform((v) => v ?? null),
  primaryUser: userMiniSchema.nullish().transform((v) => v ?? null),
  assignedTo: list(userMiniSchema),
  customers: list(z.object({ id: z.number(), name: optText })),
  asset: assetMiniSchema.nullish().transform((v) => v ?? null),
  files: list(fileMiniSchema),
  image: fileMiniSchema.nullish().transform((v) => v ?? null),
  completedBy: userMiniSchema.nullish().transform((v) => v ?? null),
  completedOn: optDate,
  feedback: optText,
  parentRequest: z.object({ id: z.number(), title: optText, customId: optString }).nullish().transform((v) => v ?? null),
  customFieldValues: list(z.object({ customField: z.object({ id: z.number() }).nullish(), value: optString })),
  createdBy: optNumber,
  updatedBy: optNumber,
  createdAt: atlasDate,
  updatedAt: atlasDate,
});

export const assetSchema = z.object({
  id: z.number(),
  customId: optString,
  name: text,
  description: optText,
  status: optString,
  archived: z.boolean().nullish().transform((b) => b ?? false),
  hasChildren: z.boolean().nullish().transform((b) => b ?? false),
  location: locationMiniSchema.nullish().transform((v) => v ?? null),
  parentAsset: assetMiniSchema.nullish().transform((v) => v ?? null),
  category: categoryMiniSchema.nullish().transform((v) => v ?? null),
  area: optText,
  barCode: optString,
  nfcId: optString,
  serialNumber: optText,
  model: optText,
  manufacturer: optText,
  createdAt: optDate,
  updatedAt: optDate,
});

export const roleSchema = z.object({
  id: z.number(),
  code: z.string().nullish().transform((v) => v ?? 'USER_CREATED'),
  name: optText,
  roleType: optString,
  paid: z.boolean().nullish().transform((b) => b ?? false),
  createPermissions: list(z.string()),
  viewPermissions: list(z.string()),
  viewOtherPermissions: list(z.string()),
  editOtherPermissions: list(z.string()),
  deleteOtherPermissions: list(z.string()),
});

export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  firstName: optText,
  lastName: optText,
  phone: optString,
  jobTitle: optText,
  role: roleSchema.nullish().transform((v) => v ?? null),
  companyId: optNumber,
  enabled: z.boolean().nullish().transform((b) => b ?? true),
  lastLogin: optDate,
  createdAt: optDate,
});

export const categorySchema = z.object({ id: z.number(), name: text, description: optText });

export const fileSchema = z.object({
  id: z.number(),
  name: optText,
  url: optString,
  type: optString,
  hidden: z.boolean().nullish().transform((b) => b ?? false),
  createdAt: optDate,
});

export const commentSchema = z.object({
  id: z.number(),
  content: text,
  user: userMiniSchema.nullish().transform((v) => v ?? null),
  files: list(fileSchema),
  system: z.boolean().nullish().transform((b) => b ?? false),
  createdAt: optDate,
});

export const webhookEndpointSchema = z.object({
  id: z.number(),
  url: z.string(),
  event: z.string(),
  secret: optString,
  enabled: z.boolean().nullish().transform((b) => b ?? true),
  workOrderStatuses: z.array(statusSchema).nullish().transform((v) => v ?? null),
  lastTriggeredAt: optDate,
  createdAt: optDate,
});

export const authResponseSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  tokenType: optString,
  expiresAt: optDate,
});

export const signupResponseSchema = z.object({
  success: z.boolean().nullish(),
  message: optString,
  user: userSchema.nullish().transform((v) => v ?? null),
});

export const successSchema = z.object({ success: z.boolean(), message: optString });

/** Spring `Page` (§8.3): only the keys a client needs are required. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    content: z.array(item),
    totalElements: z.number(),
    totalPages: z.number(),
    number: z.number(),
    size: z.number(),
    last: z.boolean().nullish(),
    first: z.boolean().nullish(),
    numberOfElements: z.number().nullish(),
    empty: z.boolean().nullish(),
  });
}
