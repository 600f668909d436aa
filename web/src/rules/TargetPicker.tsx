'use client';
import type { AlarmTarget } from '@city/domain';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import type { Catalog } from '../data/catalog';
import { targetKey } from './limit-sets';

interface TargetOption {
  id: string;
  target: AlarmTarget;
  label: string;
}

/** Every target a new limit set can have: each kind-and-metric first (few), then each channel. */
function targetOptions(catalog: Catalog, kindLabel: (target: AlarmTarget) => string): TargetOption[] {
  const kinds = new Map<string, AlarmTarget>();
  for (const channel of catalog.channels) {
    const asset = catalog.assetById.get(channel.assetId);
    if (!asset) continue;
    const target: AlarmTarget = { assetKind: asset.kind, metric: channel.metric };
    kinds.set(targetKey(target), target);
  }
  const byKind = [...kinds.values()].map((target) => ({
    id: targetKey(target),
    target,
    label: kindLabel(target),
  }));
  const byChannel = catalog.channels.map((channel) => {
    const target: AlarmTarget = { channelId: channel.id };
    return { id: targetKey(target), target, label: kindLabel(target) };
  });
  const byLabel = (a: TargetOption, b: TargetOption) => a.label.localeCompare(b.label);
  return [...byKind.sort(byLabel), ...byChannel.sort(byLabel)];
}

/**
 * Picks what a new limit set applies to: one channel, or every channel of an asset kind and metric,
 * by typing part of its name (React Aria's ComboBox: a listbox that filters, keyboard and touch).
 */
export function TargetPicker({
  catalog,
  targetLabel,
  onPick,
  onCancel,
}: {
  catalog: Catalog;
  targetLabel: (target: AlarmTarget) => string;
  onPick: (target: AlarmTarget) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('rules.pick');
  const options = useMemo(() => targetOptions(catalog, targetLabel), [catalog, targetLabel]);
  const [picked, setPicked] = useState<TargetOption | null>(null);
  return (
    <section
      className="admin-form rules-picker"
      aria-labelledby="rules-picker-title"
      data-testid="target-picker"
    >
      <h2 id="rules-picker-title" className="rules-editor-title">
        {t('title')}
      </h2>
      <ComboBox
        className="field rules-combobox"
        defaultItems={options}
        onSelectionChange={(key) => setPicked(options.find((option) => option.id === key) ?? null)}
        menuTrigger="focus"
      >
        <Label className="field-label">{t('mode')}</Label>
        <div className="rules-combobox-row">
          <Input className="field-input" placeholder={t('channelPlaceholder')} data-testid="target-input" />
          <Button className="button button-secondary rules-combobox-button" aria-hidden="true">
            ▾
          </Button>
        </div>
        <Popover className="menu-popover rules-combobox-popover">
          <ListBox className="menu">
            {(option: TargetOption) => (
              <ListBoxItem id={option.id} textValue={option.label} className="menu-item">
                {option.label}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <div className="admin-form-actions">
        <Button
          className="button button-primary"
          isDisabled={picked === null}
          onPress={() => picked && onPick(picked.target)}
          data-testid="target-start"
        >
          {t('start')}
        </Button>
        <Button className="button button-secondary" onPress={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </section>
  );
}
