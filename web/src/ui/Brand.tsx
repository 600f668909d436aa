import { useTranslations } from 'next-intl';

/** The city's flag stripe, its name and the product; the same on every screen. */
export function Brand() {
  const t = useTranslations('app');
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden />
      <span className="brand-city">{t('city')}</span>
      <span className="brand-title">{t('product')}</span>
    </div>
  );
}
