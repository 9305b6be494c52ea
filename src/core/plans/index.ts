/** Plans: what each tier allows (plans.ts). */
export { PLANS, isTier, monthStart, planOf, type Plan } from './plans.js';
