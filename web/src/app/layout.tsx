import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Amsterdam · Control Room',
  description: 'Live city operations: air quality and traffic on the map of Amsterdam.',
};

export const viewport: Viewport = { themeColor: '#0b0f16', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
