import { getTranslations } from 'next-intl/server';
import { AssetDetail } from '../../../../assets/AssetDetail';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, t, app] = await Promise.all([params, getTranslations('asset'), getTranslations('app')]);
  return { title: `${t('pageTitle', { id })} · ${app('title')}` };
}

/** One asset: live values, history, its alarm journal and setpoints. Data comes from the browser over tRPC and the socket. */
export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AssetDetail assetId={id} />;
}
