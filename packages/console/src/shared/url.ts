import { useEffect } from "react";
import { useSearchParams } from "wouter";

/**
 * A view's filters kept in its address (`?status=open&actor=…`): a reload keeps them, Back undoes a change,
 * a link shares them. A filter at its default is left out of the address. Typing (`replace: true`) changes
 * the address in place, so that Back does not step through every key pressed.
 */
export function useSearchState<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (change: Partial<Record<K, string>>, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(Object.entries<string>(defaults).map(([k, d]) => [k, params.get(k) ?? d])) as Record<K, string>;
  const set = (change: Partial<Record<K, string>>, options: { replace?: boolean } = {}) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries<string | undefined>(change)) {
        if (v === undefined || v === defaults[k as K]) next.delete(k);
        else next.set(k, v);
      }
      return next;
    }, options);
  return [values, set];
}

/** The browser tab's title (and the history's entries) name the view shown. */
export function useTitle(title: string, app: string): void {
  useEffect(() => {
    document.title = `${title} — ${app}`;
  }, [title, app]);
}
