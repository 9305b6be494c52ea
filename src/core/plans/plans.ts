/**
 * What each plan allows, as one typed table: how many reports a month, how many files on one
 * report, whether supervisors oversee the chat in Slack, whether a technician's report waits for
 * a supervisor's approval before it is filed, and whether the person may file or change work
 * orders at all. A person's plan is their tier (rivet_users.tier). The chat enforces these with
 * plain words (core/conversation); the numbers are documented in the README ("Plans").
 */
import { TIERS, type Tier } from '../model.js';

export interface Plan {
  tier: Tier;
  /** How the plan is called in the chat ("Your Starter plan…"). */
  label: string;
  /** Work orders a person may file in one calendar month (UTC); null: no limit. */
  reportsPerMonth: number | null;
  /** Photos, voice notes and files on one report or comment. */
  attachmentsPerReport: number;
  /** Work orders listed by /mine. */
  listedWorkOrders: number;
  /** Supervisors oversee the person's conversations in Slack threads (the Oversight port). */
  slackOversight: boolean;
  /** A technician's report is filed only once a supervisor approves it (supervisors' own reports are not held). */
  supervisorApproval: boolean;
  /** May file reports and change or comment on work orders; false: read-only (status and lists). */
  canWrite: boolean;
}

export const PLANS: Readonly<Record<Tier, Plan>> = {
  // Anyone who found the bot (open sign-up): the whole product, with modest limits.
  beta: { tier: 'beta', label: 'Beta', reportsPerMonth: 20, attachmentsPerReport: 3, listedWorkOrders: 5, slackOversight: true, supervisorApproval: false, canWrite: true },
  // A small team: technicians file straight into Atlas; no Slack oversight.
  starter: { tier: 'starter', label: 'Starter', reportsPerMonth: 100, attachmentsPerReport: 5, listedWorkOrders: 10, slackOversight: false, supervisorApproval: false, canWrite: true },
  pro: { tier: 'pro', label: 'Pro', reportsPerMonth: 500, attachmentsPerReport: 10, listedWorkOrders: 10, slackOversight: true, supervisorApproval: false, canWrite: true },
  // Large sites triage: a supervisor approves each technician's report before it reaches Atlas.
  enterprise: { tier: 'enterprise', label: 'Enterprise', reportsPerMonth: null, attachmentsPerReport: 20, listedWorkOrders: 10, slackOversight: true, supervisorApproval: true, canWrite: true },
  // A subscription that ended or went unpaid: existing work orders stay visible, nothing new.
  lapsed: { tier: 'lapsed', label: 'Lapsed', reportsPerMonth: 0, attachmentsPerReport: 0, listedWorkOrders: 10, slackOversight: false, supervisorApproval: false, canWrite: false },
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}

/** The plan of a tier; an unknown tier (a stale row) is treated as beta. */
export function planOf(tier: string): Plan {
  return PLANS[isTier(tier) ? tier : 'beta'];
}

/** The first moment of the calendar month (UTC) `now` falls in: reports are counted from here. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
