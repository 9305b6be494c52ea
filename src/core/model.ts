/**
 * The vocabulary every layer shares. Pure types: no I/O, no platform types.
 * Enum values are Atlas CMMS's own (contract §3.1) so nothing needs mapping at the boundary.
 */
export const PRIORITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const WORK_ORDER_STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const INTENTS = [
  'create_work_order',
  'check_status',
  'list_work_orders',
  'update_status',
  'add_comment',
  'ask_human',
  'help',
  'cancel',
  'smalltalk',
] as const;
export type Intent = (typeof INTENTS)[number];

export const TIERS = ['beta', 'starter', 'pro', 'enterprise', 'lapsed'] as const;
export type Tier = (typeof TIERS)[number];

export type Channel = 'telegram' | 'slack' | 'demo';

/** What a person may do (rivet_users.role): their own and their crew's work orders, or all of them. */
export const ROLES = ['technician', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type SenderType = 'technician' | 'bot' | 'supervisor' | 'system';

/** An asset as Rivet knows it: the fields of an Atlas asset that help a person recognise it. */
export interface AssetRecord {
  id: number;
  customId: string;
  name: string;
  description?: string | null;
  location?: { id: number; name: string } | null;
  category?: { id: number; name: string } | null;
  area?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  barCode?: string | null;
  parentId?: number | null;
}

/** A work order as the chat needs it: enough to tell a technician where it stands. */
export interface WorkOrderSummary {
  id: number;
  /** What humans see, e.g. "WO000042". */
  customId: string;
  title: string;
  description: string | null;
  status: WorkOrderStatus;
  priority: Priority;
  asset: { id: number; name: string } | null;
  location: { id: number; name: string } | null;
  assignees: string[];
  /** Who Atlas says is on it, by Atlas user id: who may see and change it is decided on these (core/access). */
  people: WorkOrderPeople;
  createdAt: Date;
  updatedAt: Date;
  dueDate: Date | null;
  completedOn: Date | null;
}

/** The Atlas users a work order names (contract §3.4): its creator, primary user, assignees and team. */
export interface WorkOrderPeople {
  createdBy: number | null;
  primaryUserId: number | null;
  assignedToIds: number[];
  /** The members of the work order's team (`team.users`). */
  teamUserIds: number[];
}
