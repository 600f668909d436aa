'use client';
import type { Channel } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, FieldError, Input, Label, NumberField, Text } from 'react-aria-components';
import { fractionDigits } from './live-value';
import { ReauthDialog } from './ReauthDialog';
import { SetpointConfirm } from './SetpointConfirm';
import { SetpointStatus } from './SetpointStatus';
import { checkSetpoint } from './setpoint';
import { useSetpoint } from './use-setpoint';

/**
 * One writable point: the new value (checked against the write range before anything is sent), a
 * confirmation that shows old → new, and the command's status as the gateway reports it.
 */
export function SetpointRow({ channel, current }: { channel: Channel; current: number | null }) {
  const t = useTranslations('asset.setpoint');
  const format = useFormatter();
  const [value, setValue] = useState<number>(Number.NaN);
  const [confirming, setConfirming] = useState(false);
  const setpoint = useSetpoint(channel.id);
  const digits = fractionDigits(channel.displayRange, channel.unit);
  const withUnit = (n: number, minimumFractionDigits = 0) =>
    `${format.number(n, { minimumFractionDigits, maximumFractionDigits: digits })}${channel.unit ? ` ${channel.unit}` : ''}`;
  const check = checkSetpoint(Number.isNaN(value) ? null : value, channel.writeRange);
  const range = channel.writeRange
    ? t('range', { min: withUnit(channel.writeRange[0]), max: withUnit(channel.writeRange[1]) })
    : t('noRange');
  const invalid = check === 'below' || check === 'above';

  return (
    <li className="setpoint-row" data-channel={channel.id} data-testid="setpoint-row">
      <div className="setpoint-line">
        <NumberField
          className="field setpoint-field"
          value={value}
          onChange={setValue}
          isInvalid={invalid}
          isDisabled={!channel.writeRange}
          formatOptions={{ maximumFractionDigits: digits }}
        >
          <Label className="field-label">{channel.name}</Label>
          <Text slot="description" className="field-hint">
            {t('now', { value: current === null ? '—' : withUnit(current, digits) })} · {range}
          </Text>
          <div className="setpoint-input-row">
            <Input className="field-input setpoint-input" />
            {channel.unit && <span className="setpoint-unit">{channel.unit}</span>}
          </div>
          <FieldError className="form-error">
            {invalid ? t(`check.${check as 'below' | 'above'}`, { range }) : null}
          </FieldError>
        </NumberField>
        {/* Outside the NumberField: a button inside it would be taken for its increment or decrement. */}
        <Button
          className="button button-secondary setpoint-set"
          isDisabled={check !== 'ok' || setpoint.sending}
          onPress={() => setConfirming(true)}
        >
          {t('set')}
        </Button>
      </div>
      <SetpointStatus command={setpoint.command} refusal={setpoint.refusal} format={withUnit} />
      <SetpointConfirm
        isOpen={confirming}
        channelName={channel.name}
        from={current === null ? '—' : withUnit(current)}
        to={Number.isNaN(value) ? '—' : withUnit(value)}
        range={range}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          await setpoint.send(value);
          setConfirming(false);
        }}
      />
      <ReauthDialog
        isOpen={setpoint.needsPassword !== null}
        onConfirmed={setpoint.retryAfterConfirm}
        onCancel={setpoint.cancelPassword}
      />
    </li>
  );
}
