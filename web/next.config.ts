import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Locale from the `locale` cookie or Accept-Language, no prefix in the URL: src/i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const nextConfig: NextConfig = {
  // The browser imports @city/domain, which is published as TypeScript source.
  transpilePackages: ['@city/domain'],
  // `tsc -p web` is the type gate (turbo typecheck); repeating it inside `next build` doubles the
  // build time on a two-core machine without finding anything new.
  typescript: { ignoreBuildErrors: true },
  // One control room per server; no image optimiser, no telemetry phone-home.
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
