// Who is signed in: kept for this browser tab only (sessionStorage), never in a URL.
import { createContext, ReactNode, useContext, useState } from 'react';

export interface Session {
  token: string;
  sub: string;
  role: 'integrator' | 'approver' | 'admin';
  agency?: string;
  office?: string;
  position?: 'officer' | 'head';
  /** When the token expires (ms since the epoch); the session ends with it. */
  expiresAt?: number;
  /** How the officer signed in: the development sign-in or the identity provider. */
  via?: 'dev' | 'sso';
}

const KEY = 'satupintu.session';

interface SessionState {
  session: Session | undefined;
  signIn(s: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState>({ session: undefined, signIn: () => undefined, signOut: () => undefined });

function stored(): Session | undefined {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : undefined;
    return session && (session.expiresAt === undefined || session.expiresAt > Date.now()) ? session : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);
  const signIn = (s: Session) => {
    window.sessionStorage.setItem(KEY, JSON.stringify(s));
    setSession(s);
  };
  const signOut = () => {
    window.sessionStorage.removeItem(KEY);
    setSession(undefined);
  };
  return <SessionContext.Provider value={{ session, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
