'use client';
import { RetentionForm } from './RetentionForm';
import { WebhooksSection } from './WebhooksSection';

/** /admin/settings: how long data is kept, and who hears of urgent alarms. */
export function SettingsScreen() {
  return (
    <>
      <RetentionForm />
      <WebhooksSection />
    </>
  );
}
