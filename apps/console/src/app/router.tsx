// A router as small as the console needs: the path is the state, links push history entries.
import { createContext, MouseEvent, ReactNode, useCallback, useContext, useEffect, useState } from 'react';

interface RouterState {
  path: string;
  /** The query string with its `?` (or ''): the inbox keeps its queue and filters there, never personal data. */
  search: string;
  navigate(to: string, opts?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterState>({ path: '/', search: '', navigate: () => undefined });

function split(to: string): { path: string; search: string } {
  const url = new URL(to, window.location.origin);
  return { path: url.pathname, search: url.search };
}

export function RouterProvider({ children, initialPath }: { children: ReactNode; initialPath?: string }) {
  const [location, setLocation] = useState(() => (initialPath ? split(initialPath) : { path: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const onPop = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, opts: { replace?: boolean } = {}) => {
    if (opts.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    const next = split(to);
    setLocation(next);
    if (!opts.replace) window.scrollTo?.(0, 0);
  }, []);
  return <RouterContext.Provider value={{ path: location.path, search: location.search, navigate }}>{children}</RouterContext.Provider>;
}

export const useRouter = () => useContext(RouterContext);

/** `/lacak/:code` style patterns; returns the named segments, decoded, or undefined when the path does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** `current`: whether the link is the page shown (by default: its path is the current path). */
export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const { navigate, path } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} aria-current={(current ?? path === to.split('?')[0]) ? 'page' : undefined}>
      {children}
    </a>
  );
}
