import type { Label } from '@onemap/domain';
import { useCallback } from 'react';
import { useLanguage } from '../state/language';
import { type MessageKey, translate } from './messages';

/** The current language and its translator; components re-render when the language changes. */
export function useT() {
  const language = useLanguage((s) => s.language);
  const t = useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params),
    [language],
  );
  const label = useCallback((l: Label) => l[language], [language]);
  return { t, label, language };
}
