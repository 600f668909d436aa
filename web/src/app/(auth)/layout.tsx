import type { ReactNode } from 'react';
import { Brand } from '../../ui/Brand';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import './auth.css';

/** Sign-in, first start and pairing: the city's name, the language switch, and one card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="auth-main">{children}</main>
    </div>
  );
}
