'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type Key, useEffect, useRef, useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTRPC } from '../data/trpc';
import { focusAsset } from '../map/map-focus';
import { useDebounced } from '../rules/use-debounced';
import { type Hit, hitHref, isSearchShortcut } from './hit-target';
import './search.css';

const DEBOUNCE_MS = 250;
const HIT_LIMIT = 20;

/**
 * "Find anything" in the console header: assets, channels and alarms by name or id (search.query,
 * asked once the typing pauses), in a React Aria ComboBox: arrow keys move, Enter opens, Escape
 * closes. "/" anywhere outside a text field puts the cursor here.
 */
export function HeaderSearch() {
  const t = useTranslations('search');
  const trpc = useTRPC();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const asked = useDebounced(text.trim(), DEBOUNCE_MS);
  const search = useQuery({
    ...trpc.search.query.queryOptions({ text: asked, limit: HIT_LIMIT }),
    enabled: asked.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const hits: Hit[] = asked.length > 0 ? (search.data?.hits ?? []) : [];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event, event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const emptyText = () => {
    if (search.error) return t('failed', { reason: search.error.message });
    if (search.isFetching || asked !== text.trim()) return t('searching');
    return t('empty', { text: asked });
  };

  const open = (key: Key | null) => {
    const hit = hits.find((candidate) => hitKey(candidate) === key);
    if (!hit) return;
    if (hit.assetId) focusAsset(hit.assetId);
    setText('');
    input.current?.blur();
    router.push(hitHref(hit));
  };

  return (
    <ComboBox
      className="header-search"
      aria-label={t('label')}
      items={hits}
      inputValue={text}
      onInputChange={setText}
      onSelectionChange={open}
      selectedKey={null}
      allowsEmptyCollection
      menuTrigger="input"
      data-testid="header-search"
    >
      <Label className="sr-only">{t('label')}</Label>
      <span className="header-search-field">
        <span className="header-search-icon" aria-hidden="true">
          ⌕
        </span>
        <Input ref={input} className="header-search-input" placeholder={t('placeholder')} />
        <span className="header-search-key" aria-hidden="true">
          /
        </span>
      </span>
      <Text slot="description" className="sr-only">
        {t('shortcut')}
      </Text>
      <Popover className="menu-popover header-search-popover" placement="bottom end">
        <ListBox
          className="menu"
          renderEmptyState={() => <p className="header-search-empty">{emptyText()}</p>}
        >
          {(hit: Hit) => (
            <ListBoxItem id={hitKey(hit)} textValue={hit.label} className="menu-item header-search-hit">
              <span className="header-search-kind">{t(`kind.${hit.kind}`)}</span>
              <span className="header-search-label">{hit.label}</span>
              {hit.detail && <span className="header-search-detail">{hit.detail}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

const hitKey = (hit: Hit) => `${hit.kind}:${hit.id}`;
