import { ALARM_STATES, type AlarmPriority, type AlarmState, type Layer, LayerSchema } from '@city/domain';

/** The states the list offers: 'normal' alarms are not alarms to an operator, so never listed. */
export const LISTED_STATES = ALARM_STATES.filter(
  (state): state is Exclude<AlarmState, 'normal'> => state !== 'normal',
);
export type ListedState = (typeof LISTED_STATES)[number];
export const LAYERS = LayerSchema.options;
export const PRIORITIES = [1, 2, 3, 4] as const satisfies readonly AlarmPriority[];

/** What the list shows; an empty choice means "all" for that filter. */
export interface AlarmFilter {
  states: ListedState[];
  layers: Layer[];
  districts: string[];
  priorities: AlarmPriority[];
}

export const NO_FILTER: AlarmFilter = { states: [], layers: [], districts: [], priorities: [] };

type Params = Pick<URLSearchParams, 'get'>;

/** "a,b" → the entries that are known; anything else (an old link, a typo) is dropped, not an error. */
function listParam<T>(params: Params, name: string, parse: (entry: string) => T | undefined): T[] {
  const raw = params.get(name);
  if (!raw) return [];
  const parsed = raw.split(',').flatMap((entry) => {
    const value = parse(entry.trim());
    return value === undefined ? [] : [value];
  });
  return [...new Set(parsed)];
}

const oneOf =
  <T extends string>(options: readonly T[]) =>
  (entry: string): T | undefined =>
    options.find((option) => option === entry);

/** The filter a link carries (?state=unacknowledged&layer=sewer&district=Noord&priority=1,2). */
export function filterFromParams(params: Params): AlarmFilter {
  return {
    states: listParam(params, 'state', oneOf(LISTED_STATES)),
    layers: listParam(params, 'layer', oneOf(LAYERS)),
    districts: listParam(params, 'district', (entry) => (entry === '' ? undefined : entry)),
    priorities: listParam(params, 'priority', (entry) => PRIORITIES.find((p) => String(p) === entry)),
  };
}

/** The filter as search params; filters left at "all" are left out, so a plain /alarms shows everything. */
export function filterToParams(filter: AlarmFilter): URLSearchParams {
  const params = new URLSearchParams();
  const put = (name: string, values: readonly (string | number)[]) => {
    if (values.length > 0) params.set(name, values.join(','));
  };
  put('state', filter.states);
  put('layer', filter.layers);
  put('district', filter.districts);
  put('priority', filter.priorities);
  return params;
}

/** How many of the four filters narrow the list. */
export function activeFilters(filter: AlarmFilter): number {
  const chosen = [filter.states, filter.layers, filter.districts, filter.priorities];
  return chosen.filter((values) => values.length > 0).length;
}

export const isFiltered = (filter: AlarmFilter): boolean => activeFilters(filter) > 0;
