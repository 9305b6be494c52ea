/**
 * A builder for SearchCriteria (§8.1) that writes filters the way Atlas's own web app does:
 * enums with `in` + enumName, dates with `ge`/`le` + JS_DATE in toISOString() format, ids with `in`.
 */
import type { Priority, WorkOrderStatus } from '../../core/model.js';
import type { FilterField, FilterOperation, SearchCriteria } from './types.js';

export class CriteriaBuilder {
  private readonly filters: FilterField[] = [];
  private page = 0;
  private size = 10;
  private sort: string | undefined;
  private dir: 'ASC' | 'DESC' | undefined;

  /** Any raw filter (for operations the helpers don't cover). */
  where(field: string, operation: FilterOperation, value: unknown = ''): this {
    this.filters.push({ field, operation, value });
    return this;
  }
  eq(field: string, value: string | number | boolean): this {
    return this.where(field, 'eq', value);
  }
  contains(field: string, value: string): this {
    return this.where(field, 'cn', value);
  }
  isNull(field: string): this {
    return this.where(field, 'nu', '');
  }
  notNull(field: string): this {
    return this.where(field, 'nn', '');
  }
  /** Ids, or entity references compared by id (`asset`, `location`, `id`). */
  idIn(field: string, ids: readonly number[]): this {
    this.filters.push({ field, operation: 'in', value: '', values: [...ids] });
    return this;
  }
  /** Many-to-many membership (`assignedTo`, `customers`, `files`). */
  memberOf(field: string, ids: readonly number[]): this {
    this.filters.push({ field, operation: 'inm', value: '', values: [...ids], joinType: 'LEFT' });
    return this;
  }
  statusIn(statuses: readonly WorkOrderStatus[]): this {
    this.filters.push({ field: 'status', operation: 'in', value: '', values: [...statuses], enumName: 'STATUS' });
    return this;
  }
  priorityIn(priorities: readonly Priority[]): this {
    this.filters.push({ field: 'priority', operation: 'in', value: '', values: [...priorities], enumName: 'PRIORITY' });
    return this;
  }
  /** field ≥ date (§8.1: JS_DATE with the exact toISOString() format). */
  onOrAfter(field: string, date: Date): this {
    this.filters.push({ field, operation: 'ge', value: date.toISOString(), enumName: 'JS_DATE' });
    return this;
  }
  onOrBefore(field: string, date: Date): this {
    this.filters.push({ field, operation: 'le', value: date.toISOString(), enumName: 'JS_DATE' });
    return this;
  }
  /** OR of several filters: the first is the filter, the rest its `alternatives`. */
  anyOf(filters: readonly FilterField[]): this {
    const [first, ...rest] = filters;
    if (!first) throw new TypeError('anyOf needs at least one filter');
    this.filters.push(rest.length ? { ...first, alternatives: rest } : first);
    return this;
  }
  /** Text search over several fields (OR), like the web app's search box. */
  textSearch(fields: readonly string[], value: string): this {
    return this.anyOf(fields.map((field) => ({ field, operation: 'cn' as const, value })));
  }
  paging(pageNum: number, pageSize: number): this {
    this.page = Math.max(0, Math.trunc(pageNum));
    this.size = Math.max(1, Math.trunc(pageSize));
    return this;
  }
  sortBy(field: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    this.sort = field;
    this.dir = direction;
    return this;
  }
  build(): SearchCriteria {
    const c: SearchCriteria = { filterFields: this.filters.map((f) => ({ ...f })), pageNum: this.page, pageSize: this.size };
    if (this.sort) c.sortField = this.sort;
    if (this.dir) c.direction = this.dir;
    return c;
  }
}

export function criteria(): CriteriaBuilder {
  return new CriteriaBuilder();
}
