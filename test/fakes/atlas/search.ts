/**
 * SearchCriteria evaluation (contract §8.1) and Spring page responses (§8.3), over entity "views":
 * a table of searchable field paths per entity, each with how to read it and its kind.
 */
export type FieldKind = 'string' | 'number' | 'boolean' | 'date' | 'enum' | 'ref' | 'refs';
export type FieldTable<T> = Record<string, { kind: FieldKind; get: (e: T) => unknown }>;

export class SearchError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

interface Filter {
  field?: unknown; operation?: unknown; value?: unknown; values?: unknown; enumName?: unknown; alternatives?: unknown;
}

const JS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ENUMS: Record<string, { values: string[]; fallback: string }> = {
  PRIORITY: { values: ['NONE', 'LOW', 'MEDIUM', 'HIGH'], fallback: 'NONE' },
  STATUS: { values: ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE'], fallback: 'OPEN' },
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function resolveField<T>(table: FieldTable<T>, field: unknown) {
  if (typeof field !== 'string' || !field) throw new SearchError(400, 'Invalid search field');
  const segments = field.split('.');
  if (segments.some((p) => /password|secret|token/i.test(p))) throw new SearchError(400, 'Invalid search field');
  const key = field.endsWith('.id') && table[field.slice(0, -3)]?.kind.startsWith('ref') ? field.slice(0, -3) : field;
  const spec = table[key];
  if (!spec) throw new SearchError(400, 'Invalid search field');
  return spec;
}

/** §8.1: JS_DATE values must be exactly toISOString(); anything else parses to null. */
function jsDate(v: unknown): Date {
  if (typeof v === 'string' && JS_DATE.test(v)) return new Date(v);
  throw new SearchError(500, `Cannot compare with a null date (JS_DATE value ${JSON.stringify(v)} is not in yyyy-MM-dd'T'HH:mm:ss.SSS'Z' format)`);
}

function compile<T>(table: FieldTable<T>, f: Filter): (e: T) => boolean {
  const spec = resolveField(table, f.field);
  const op = f.operation;
  const enumName = typeof f.enumName === 'string' ? f.enumName : undefined;
  const values = Array.isArray(f.values) ? f.values : [];
  const get = spec.get;
  const text = (e: T) => {
    const v = get(e);
    return typeof v === 'string' ? fold(v) : null;
  };
  const needle = typeof f.value === 'string' ? fold(f.value) : fold(String(f.value ?? ''));
  const scalar = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
  const coerce = (v: unknown): unknown => {
    if (spec.kind === 'date') return enumName === 'JS_DATE' ? jsDate(v).getTime() : new Date(v as string).getTime();
    if (spec.kind === 'ref' || spec.kind === 'number') return Number(v);
    return v;
  };
  switch (op) {
    case 'cn': return (e) => text(e)?.includes(needle) ?? false;
    case 'nc': return (e) => { const t = text(e); return t !== null && !t.includes(needle); };
    case 'bw': return (e) => text(e)?.startsWith(needle) ?? false;
    case 'bn': return (e) => { const t = text(e); return t !== null && !t.startsWith(needle); };
    case 'ew': return (e) => text(e)?.endsWith(needle) ?? false;
    case 'en': return (e) => { const t = text(e); return t !== null && !t.endsWith(needle); };
    case 'nu': return (e) => { const v = get(e); return v === null || v === undefined; };
    case 'nn': return (e) => { const v = get(e); return v !== null && v !== undefined; };
    case 'eq': case 'ne': {
      const want = coerce(f.value);
      const pos = (e: T) => scalar(get(e)) === want;
      return op === 'eq' ? pos : (e) => get(e) !== null && !pos(e);
    }
    case 'gt': case 'lt': case 'ge': case 'le': {
      if (spec.kind === 'date' && (op === 'gt' || op === 'lt') && typeof f.value !== 'number') {
        throw new SearchError(500, 'Cannot compare a date with a raw string (gt/lt do no date conversion)');
      }
      const want = coerce(f.value) as number | string;
      return (e) => {
        const v = scalar(get(e)) as number | string | null;
        if (v === null || v === undefined) return false;
        return op === 'gt' ? v > want : op === 'lt' ? v < want : op === 'ge' ? v >= want : v <= want;
      };
    }
    case 'in': {
      let set: unknown[];
      const en = enumName ? ENUMS[enumName] : undefined;
      if (en) set = values.map((v) => (typeof v === 'string' && en.values.includes(v.toUpperCase()) ? v.toUpperCase() : en.fallback));
      else set = values.map(coerce);
      const wanted = new Set(set);
      return (e) => wanted.has(scalar(get(e)));
    }
    case 'inm': {
      const wanted = new Set(values.map(Number));
      return (e) => ((get(e) as number[] | null) ?? []).some((id) => wanted.has(id));
    }
    default:
      throw new SearchError(400, 'Invalid search field');
  }
}

export interface Criteria { filterFields?: unknown; pageNum?: unknown; pageSize?: unknown; sortField?: unknown; direction?: unknown }

export function searchPage<T, D>(
  entityName: string,
  table: FieldTable<T>,
  items: readonly T[],
  criteria: Criteria,
  toDto: (e: T) => D,
  extra: ((e: T) => boolean)[] = [],
  presortedById = false,
) {
  const filters = Array.isArray(criteria.filterFields) ? (criteria.filterFields as Filter[]) : [];
  const preds = filters.map((f) => {
    const alts = [f, ...(Array.isArray(f.alternatives) ? (f.alternatives as Filter[]) : [])].map((x) => compile(table, x));
    return alts.length === 1 ? alts[0]! : (e: T) => alts.some((p) => p(e));
  });
  const all = [...preds, ...extra];
  const sortField = typeof criteria.sortField === 'string' && criteria.sortField ? criteria.sortField : 'id';
  const sortSpec = table[sortField];
  if (!sortSpec) throw new SearchError(500, `No property '${sortField}' found for type '${entityName}'`);
  const dir = criteria.direction === 'DESC' ? -1 : 1;
  const matched = items.filter((e) => all.every((p) => p(e)));
  if (!(presortedById && sortField === 'id' && dir === 1)) {
    const key = (e: T) => { const v = sortSpec.get(e); return v instanceof Date ? v.getTime() : v; };
    matched.sort((a, b) => {
      const x = key(a) as number | string | null;
      const y = key(b) as number | string | null;
      if (x === y) return 0;
      if (x === null || x === undefined) return 1; // nulls last (PostgreSQL ASC default)
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }
  const pageNum = Math.max(0, Number(criteria.pageNum ?? 0) | 0);
  const pageSize = Math.max(1, Number(criteria.pageSize ?? 10) | 0);
  const content = matched.slice(pageNum * pageSize, (pageNum + 1) * pageSize).map(toDto);
  return springPage(content, pageNum, pageSize, matched.length);
}

export function springPage<D>(content: D[], pageNum: number, pageSize: number, total: number) {
  const totalPages = Math.ceil(total / pageSize);
  const sort = { empty: false, sorted: true, unsorted: false };
  return {
    content,
    pageable: { pageNumber: pageNum, pageSize, sort, offset: pageNum * pageSize, paged: true, unpaged: false },
    last: pageNum >= totalPages - 1,
    totalElements: total,
    totalPages,
    size: pageSize,
    number: pageNum,
    sort,
    first: pageNum === 0,
    numberOfElements: content.length,
    empty: content.length === 0,
  };
}
