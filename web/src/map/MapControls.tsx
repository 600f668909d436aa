'use client';
import { useTranslations } from 'next-intl';
import type { Key } from 'react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  ToggleButton,
} from 'react-aria-components';
import { MAP_LAYERS } from './layers/registry';
import { type MapSelection, toggled } from './map-selection';

const ALL = '__all__';

/** Layer toggles and the district filter, over the map's top edge; 48 px targets for tablets. */
export function MapControls({
  selection,
  districts,
  onChange,
}: {
  selection: MapSelection;
  districts: readonly string[];
  onChange: (next: MapSelection) => void;
}) {
  const t = useTranslations('map');
  const choose = (key: Key | null) => {
    const district = key === ALL || key === null ? null : String(key);
    if (district !== selection.district) onChange({ ...selection, district });
  };
  return (
    <div className="map-controls" role="toolbar" aria-label={t('controls.label')}>
      <div className="map-toggles">
        {MAP_LAYERS.map((layer) => (
          <ToggleButton
            key={layer.id}
            className="map-toggle"
            isSelected={selection.layers.has(layer.id)}
            onChange={(shown) => onChange(toggled(selection, layer.id, shown))}
            data-layer={layer.id}
          >
            <span className="map-toggle-box" aria-hidden="true" />
            {t(`layers.${layer.titleKey}`)}
          </ToggleButton>
        ))}
      </div>
      <Select className="map-district" selectedKey={selection.district ?? ALL} onSelectionChange={choose}>
        <Label className="sr-only">{t('controls.district')}</Label>
        <Button className="map-district-button" data-testid="district-filter">
          <SelectValue />
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className="menu-popover">
          <ListBox className="menu">
            <ListBoxItem id={ALL} className="menu-item">
              {t('controls.allDistricts')}
            </ListBoxItem>
            {districts.map((district) => (
              <ListBoxItem key={district} id={district} className="menu-item">
                {district}
              </ListBoxItem>
            ))}
          </ListBox>
        </Popover>
      </Select>
    </div>
  );
}
