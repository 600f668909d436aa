import type { DefaultTexts } from './draft';
import type { SlotKind } from './limit-sets';

/**
 * What a new rule is called and says until the engineer words it: rule content in both languages
 * (stored with the rule), not screen vocabulary, so it lives here and not in messages/.
 */
const TEXTS: Record<SlotKind, { name: [nl: string, en: string]; message: [nl: string, en: string] }> = {
  'high-high': {
    name: ['Hoog-hoog', 'High-high'],
    message: [
      '{asset}: {channel} {value} {unit}, boven de hoog-hooggrens van {limit} {unit}',
      '{asset}: {channel} {value} {unit}, above the high-high limit of {limit} {unit}',
    ],
  },
  high: {
    name: ['Hoog', 'High'],
    message: [
      '{asset}: {channel} {value} {unit}, boven de hooggrens van {limit} {unit}',
      '{asset}: {channel} {value} {unit}, above the high limit of {limit} {unit}',
    ],
  },
  low: {
    name: ['Laag', 'Low'],
    message: [
      '{asset}: {channel} {value} {unit}, onder de laaggrens van {limit} {unit}',
      '{asset}: {channel} {value} {unit}, below the low limit of {limit} {unit}',
    ],
  },
  'low-low': {
    name: ['Laag-laag', 'Low-low'],
    message: [
      '{asset}: {channel} {value} {unit}, onder de laag-laaggrens van {limit} {unit}',
      '{asset}: {channel} {value} {unit}, below the low-low limit of {limit} {unit}',
    ],
  },
  'rate-of-change': {
    name: ['Veranderingssnelheid', 'Rate of change'],
    message: [
      '{asset}: {channel} verandert sneller dan {limit} {unit} per minuut',
      '{asset}: {channel} changing faster than {limit} {unit} per minute',
    ],
  },
  'no-data': {
    name: ['Geen data', 'No data'],
    message: [
      '{asset}: geen meting van {channel} in meer dan {limit} s',
      '{asset}: no reading of {channel} for more than {limit} s',
    ],
  },
};

/** Default texts for a new slot, the target's name (e.g. "Buiksloterham · level") put before the kind's. */
export function defaultTexts(subject: string): DefaultTexts {
  return (kind) => {
    const { name, message } = TEXTS[kind];
    return {
      name: { nl: `${subject}: ${name[0]}`, en: `${subject}: ${name[1]}` },
      message: { nl: message[0], en: message[1] },
    };
  };
}

/** The placeholders a rule's message may use (filled in where the message is shown). */
export const MESSAGE_PLACEHOLDERS = '{asset} {channel} {value} {unit} {limit}';
