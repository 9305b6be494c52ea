/** The typed shapes the client returns (inferred from the boundary schemas) and accepts. */
import type { z } from 'zod';
import type { Priority, WorkOrderStatus } from '../../core/model.js';
import type * as s from './schemas.js';

export type AtlasWorkOrder = z.output<typeof s.workOrderSchema>;
export type AtlasAsset = z.output<typeof s.assetSchema>;
export type AtlasAssetMini = z.output<typeof s.assetMiniSchema>;
export type AtlasLocationMini = z.output<typeof s.locationMiniSchema>;
export type AtlasUser = z.output<typeof s.userSchema>;
export type AtlasUserMini = z.output<typeof s.userMiniSchema>;
export type AtlasRole = z.output<typeof s.roleSchema>;
export type AtlasCategory = z.output<typeof s.categorySchema>;
export type AtlasFile = z.output<typeof s.fileSchema>;
export type AtlasComment = z.output<typeof s.commentSchema>;
export type AtlasWebhookEndpoint = z.output<typeof s.webhookEndpointSchema>;

export interface AtlasPage<T> {
  content: T[];
  totalElements: number;
  totalPages: number;
  /** 0-based page index. */
  number: number;
  size: number;
  last: boolean;
}

export type Ref = { id: number };

/** What Rivet sends to create a work order (§3.3). `description` gets the idempotency marker appended. */
export interface WorkOrderInput {
  title: string;
  description?: string | null;
  priority?: Priority;
  dueDate?: Date | null;
  estimatedStartDate?: Date | null;
  estimatedDuration?: number;
  assetId?: number | null;
  locationId?: number | null;
  categoryId?: number | null;
  primaryUserId?: number | null;
  assignedToIds?: number[];
  teamId?: number | null;
  fileIds?: number[];
}

/** The full body of PATCH /work-orders/{id} (§3.5): every omitted field would be cleared, so all are present. */
export interface WorkOrderPatch {
  title: string;
  description: string | null;
  priority: Priority;
  dueDate: Date | null;
  estimatedStartDate: Date | null;
  estimatedDuration: number;
  requiredSignature: boolean;
  image: Ref | null;
  category: Ref | null;
  location: Ref | null;
  team: Ref | null;
  primaryUser: Ref | null;
  assignedTo: Ref[];
  customers: Ref[];
  files: Ref[];
  asset: Ref | null;
  completedBy: Ref | null;
  completedOn: Date | null;
  archived: boolean;
  customFields: { id: number; value: string | null }[];
}

export type FilterOperation =
  | 'cn' | 'nc' | 'eq' | 'ne' | 'bw' | 'bn' | 'ew' | 'en' | 'nu' | 'nn' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'inm';

/** One filter of a SearchCriteria (§8.1). */
export interface FilterField {
  field: string;
  operation: FilterOperation;
  value?: unknown;
  values?: unknown[];
  enumName?: 'PRIORITY' | 'STATUS' | 'JS_DATE';
  joinType?: 'INNER' | 'LEFT' | 'RIGHT';
  alternatives?: FilterField[];
}

export interface SearchCriteria {
  filterFields: FilterField[];
  pageNum?: number;
  pageSize?: number;
  sortField?: string;
  direction?: 'ASC' | 'DESC';
}

export type { Priority, WorkOrderStatus };
