import { safeNextPath } from '../../../sign-in/next-path';
import { PairForm } from '../../../sign-in/PairForm';
import { AuthCard, authPageMetadata } from '../auth-card';
import type { SearchParams } from '../search-params';

export const generateMetadata = () => authPageMetadata('pair');

/** A wall screen pairs itself here; afterwards it shows `?next=` (the wall, once it exists) or the console. */
export default async function PairPage({ searchParams }: { searchParams: SearchParams }) {
  const { next } = await searchParams;
  return (
    <AuthCard page="pair">
      <PairForm next={safeNextPath(next)} />
    </AuthCard>
  );
}
