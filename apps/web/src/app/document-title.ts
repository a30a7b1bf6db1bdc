import { useEffect } from 'react';

/** The window title, which is what a task bar or a wall controller's source list shows. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · OneMap`;
  }, [title]);
}
