// A router as small as the console needs: the path is the state, links push history entries.
import { createContext, MouseEvent, ReactNode, useCallback, useContext, useEffect, useState } from 'react';

interface RouterState {
  path: string;
  /** The query string ('' or '?a=b'): filters and display modes, never personal data. */
  search: string;
  navigate(to: string): void;
}

const RouterContext = createContext<RouterState>({ path: '/', search: '', navigate: () => undefined });

export function RouterProvider({ children, initialPath }: { children: ReactNode; initialPath?: string }) {
  const [path, setPath] = useState(initialPath ?? window.location.pathname);
  const [search, setSearch] = useState(initialPath === undefined ? window.location.search : '');
  useEffect(() => {
    const onPop = () => {
      setPath(window.location.pathname);
      setSearch(window.location.search);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    const url = new URL(to, window.location.origin);
    setPath(url.pathname);
    setSearch(url.search);
    window.scrollTo?.(0, 0);
  }, []);
  return <RouterContext.Provider value={{ path, search, navigate }}>{children}</RouterContext.Provider>;
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

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { navigate, path } = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className} aria-current={path === to ? 'page' : undefined}>
      {children}
    </a>
  );
}
