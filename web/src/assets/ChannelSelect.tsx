'use client';
import type { Channel } from '@city/domain';
import { useTranslations } from 'next-intl';
import type { Key } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

/** Which of the asset's channels the chart shows (React Aria Select: keyboard and touch alike). */
export function ChannelSelect({
  channels,
  value,
  onChange,
}: {
  channels: readonly Channel[];
  value: string;
  onChange: (channelId: string) => void;
}) {
  const t = useTranslations('asset.history');
  const choose = (key: Key | null) => {
    if (typeof key === 'string' && key !== value) onChange(key);
  };
  return (
    <Select
      className="asset-select"
      selectedKey={value}
      onSelectionChange={choose}
      data-testid="channel-select"
    >
      <Label className="sr-only">{t('channel')}</Label>
      <Button className="asset-select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="menu-popover">
        <ListBox className="menu">
          {channels.map((channel) => (
            <ListBoxItem key={channel.id} id={channel.id} className="menu-item" textValue={channel.name}>
              {channel.name}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
