import type { Channel } from '@city/domain';

/**
 * The operator's words for what a channel measures, from the `metrics` message namespace: a name per
 * metric, the words of a state channel's values (pump selector, running, fault, presence…) and the
 * names of a status word's bits. Channels arrive with the device profile's English label; screens
 * show these instead, in the reader's language.
 */
export interface MetricWords {
  name?: string;
  /** Words for whole values, keyed by the value: enums, switches, and "all well" (0) of a status word. */
  values?: Readonly<Record<string, string>>;
  /** Names of a status word's bits, keyed by bit number (0 = lowest). */
  bits?: Readonly<Record<string, string>>;
}

export interface MetricCatalogue {
  /** By metric id, as a channel's `metric` names it. */
  metric: Readonly<Record<string, MetricWords>>;
  /**
   * By asset kind, then metric: for a metric id two kinds of device use for different things ("power"
   * is a street-light segment's lamp power, and a field cabinet meter's total).
   */
  kind: Readonly<Record<string, Readonly<Record<string, MetricWords>>>>;
}

/** The words for one metric on one kind of asset; the kind's own words win over the metric's. */
export function wordsOf(catalogue: MetricCatalogue, kind: string | undefined, metric: string): MetricWords {
  const general = catalogue.metric[metric] ?? {};
  const special = kind ? catalogue.kind[kind]?.[metric] : undefined;
  return special ? { ...general, ...special } : general;
}

/**
 * The channels with the catalogue's name for their metric; a metric the catalogue lacks keeps the
 * name the catalog gave it (a new device model shows English rather than nothing).
 */
export function localiseChannels<C extends Pick<Channel, 'assetId' | 'metric' | 'name'>>(
  channels: readonly C[],
  kindOf: (assetId: string) => string | undefined,
  catalogue: MetricCatalogue,
): C[] {
  return channels.map((channel) => {
    const name = wordsOf(catalogue, kindOf(channel.assetId), channel.metric).name;
    return name && name !== channel.name ? { ...channel, name } : channel;
  });
}

/**
 * The word for a state channel's value: the value's own word ("running", "auto", "all well"), else the
 * names of the bits set in a status word (an unnamed bit by its number), else null when the metric is
 * a plain number or the value is not one the catalogue knows (then the number shows).
 */
export function stateWord(
  words: MetricWords,
  value: number | null,
  unnamedBit: (bit: number) => string,
): string | null {
  if (value === null || !Number.isInteger(value)) return null;
  const word = words.values?.[String(value)];
  if (word !== undefined) return word;
  if (!words.bits || value < 0) return null;
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if (Math.floor(value / 2 ** bit) % 2 === 1) names.push(words.bits[String(bit)] ?? unnamedBit(bit));
  }
  return names.length > 0 ? names.join(', ') : null;
}

/** Whether a metric's values are states with words rather than quantities. */
export function hasStateWords(words: MetricWords): boolean {
  return words.values !== undefined || words.bits !== undefined;
}
