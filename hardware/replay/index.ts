/** Recorded real-world series (NDW traffic, Luchtmeetnet air quality) played through virtual devices. */
export {
  detectFormat,
  type RecordedFile,
  type RecordedFormat,
  readRecordedFile,
  readRecordedSeries,
  readRecording,
  seriesOf,
} from './formats';
export { type GapSummary, summariseGaps } from './gaps';
export { type ReplayOptions, type RunningReplay, startReplay } from './replay';
export {
  type GapReason,
  type RecordedGap,
  type RecordedSample,
  type RecordedSeries,
  valueAt,
} from './series';

import { join } from 'node:path';

/** The recordings shipped in the repository (see replay/data/SOURCE.md). */
export const RECORDINGS = {
  luchtmeetnetVondelpark2017: join(import.meta.dirname, 'data', 'luchtmeetnet-vondelpark-2017-04-30.csv'),
  ndwA10West2023: join(import.meta.dirname, 'data', 'ndw-a10-west-2023-09-18.csv'),
  pm25Vondelpark2023: join(import.meta.dirname, 'data', 'pm25-vondelpark-NL49014-2023-01.csv'),
} as const;
