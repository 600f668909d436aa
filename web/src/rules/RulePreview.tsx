'use client';
import type { AlarmRuleInput } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import type { Catalog } from '../data/catalog';
import { useTRPCClient } from '../data/trpc';
import type { AppRouter } from '../server/trpc/router';
import type { SlotKind } from './limit-sets';
import { durationParts } from './preview-duration';
import { useDebounced } from './use-debounced';

type Preview = inferRouterOutputs<AppRouter>['alarms']['rules']['preview'];
type Client = ReturnType<typeof useTRPCClient>;

export interface PreviewRule {
  kind: SlotKind;
  rule: AlarmRuleInput;
}

const PREVIEW_DAYS = 7;
const DEBOUNCE_MS = 700;

/**
 * How often the draft's limits would have fired over the last 7 days of history, asked of the server
 * once the typing stops (one question per limit in use), before anything is saved.
 */
export function RulePreview({
  rules,
  valid,
  catalog,
}: {
  rules: PreviewRule[];
  valid: boolean;
  catalog: Catalog | null;
}) {
  const t = useTranslations('rules.preview');
  const client = useTRPCClient();
  const asked = valid ? rules : null;
  const settled = useDebounced(asked, DEBOUNCE_MS);
  const typing = JSON.stringify(settled) !== JSON.stringify(asked);
  const query = useQuery({
    queryKey: ['rules.preview', settled],
    queryFn: ({ signal }) => previewAll(client, settled ?? [], signal),
    enabled: settled !== null && settled.length > 0,
    staleTime: 60_000,
    retry: false,
  });
  let body: ReactNode;
  if (!valid) body = <p className="rules-preview-note">{t('invalid')}</p>;
  else if (rules.length === 0) body = <p className="rules-preview-note">{t('none')}</p>;
  else if (typing || !query.data) body = <p className="rules-preview-note">{t('waiting')}</p>;
  else
    body = query.data.map((answer) =>
      'error' in answer ? (
        <p key={answer.kind} className="form-error" role="alert">
          {t('failed', { reason: answer.error })}
        </p>
      ) : (
        <PreviewResult key={answer.kind} kind={answer.kind} preview={answer.preview} catalog={catalog} />
      ),
    );
  return (
    <section
      className="rules-preview"
      aria-labelledby="rules-preview-title"
      aria-live="polite"
      aria-busy={typing || query.isFetching}
      data-testid="rule-preview"
    >
      <h3 id="rules-preview-title" className="rules-preview-title">
        {t('title')}
      </h3>
      {body}
    </section>
  );
}

type Answer = { kind: SlotKind; preview: Preview } | { kind: SlotKind; error: string };

const BUSY_RETRIES = 5;

/**
 * The server replays one preview at a time (each reads up to 200,000 readings), so the set's limits
 * are asked one after the other; a "busy" answer (another engineer's preview) is asked again shortly.
 */
async function previewAll(client: Client, rules: PreviewRule[], signal: AbortSignal): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const { kind, rule } of rules) {
    for (let attempt = 0; ; attempt++) {
      try {
        const preview = await client.alarms.rules.preview.query({ rule, days: PREVIEW_DAYS }, { signal });
        answers.push({ kind, preview });
        break;
      } catch (error) {
        if (isBusy(error) && attempt < BUSY_RETRIES && !signal.aborted) {
          await new Promise((resolve) => setTimeout(resolve, 800 * (attempt + 1)));
          continue;
        }
        answers.push({ kind, error: error instanceof Error ? error.message : String(error) });
        break;
      }
    }
  }
  return answers;
}

const isBusy = (error: unknown) =>
  (error as { data?: { code?: string } } | null)?.data?.code === 'TOO_MANY_REQUESTS';

function useDuration() {
  const t = useTranslations('rules.duration');
  return (ms: number) => {
    const parts = durationParts(ms);
    return parts.unit === 'zero' ? t('zero') : t(parts.unit, parts as never);
  };
}

function PreviewResult({
  kind,
  preview,
  catalog,
}: {
  kind: SlotKind;
  preview: Preview;
  catalog: Catalog | null;
}) {
  const t = useTranslations('rules.preview');
  const kinds = useTranslations('rules.kind');
  const format = useFormatter();
  const duration = useDuration();
  const channelName = (id: string) => {
    const channel = catalog?.channelById.get(id);
    const asset = channel ? catalog?.assetById.get(channel.assetId) : undefined;
    return channel && asset ? `${asset.name} · ${channel.name}` : id;
  };
  const time = (at: number | string | Date | null) =>
    at === null ? '–' : format.dateTime(new Date(at), 'stampShort');
  const firing = preview.channels.filter((channel) => channel.activations > 0);
  return (
    <div
      className="rules-preview-result"
      data-testid={`preview-${kind}`}
      data-activations={preview.activations}
    >
      <p className="rules-preview-line">
        {t('line', {
          kind: kinds(kind),
          count: preview.activations,
          channels: firing.length,
          duration: duration(preview.timeInAlarmMs),
        })}
      </p>
      <p className="rules-preview-note">
        {t('readings', { readings: preview.readingsUsed, from: time(preview.from), to: time(preview.to) })}
      </p>
      {preview.truncated && (
        <p className="rules-preview-note">{t('truncated', { readings: preview.readingsUsed })}</p>
      )}
      {firing.length > 0 && (
        <Disclosure className="rules-texts">
          <Heading level={4} className="rules-texts-heading">
            <Button slot="trigger" className="rules-texts-trigger">
              <span aria-hidden="true" className="rules-texts-chevron">
                ▸
              </span>
              {t('breakdown')}
            </Button>
          </Heading>
          <DisclosurePanel>
            <table className="data-table rules-preview-table">
              <thead>
                <tr>
                  <th scope="col">{t('channel')}</th>
                  <th scope="col">{t('activations')}</th>
                  <th scope="col">{t('timeInAlarm')}</th>
                  <th scope="col">{t('first')}</th>
                  <th scope="col">{t('last')}</th>
                </tr>
              </thead>
              <tbody>
                {firing.map((channel) => (
                  <tr key={channel.channelId}>
                    <td>{channelName(channel.channelId)}</td>
                    <td className="rules-num">{format.number(channel.activations)}</td>
                    <td className="rules-num">{duration(channel.timeInAlarmMs)}</td>
                    <td>{time(channel.firstAt)}</td>
                    <td>{time(channel.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DisclosurePanel>
        </Disclosure>
      )}
    </div>
  );
}
