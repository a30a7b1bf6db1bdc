import { create } from 'zustand';
import { type Language, languages } from '../i18n/messages';

const STORAGE_KEY = 'onemap.language';

function initialLanguage(): Language {
  // A video-wall browser restarts unattended; it must come back in the language it was left in.
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (languages as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh';
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
  toggle(): void;
}

export const useLanguage = create<LanguageState>()((set, get) => ({
  language: initialLanguage(),
  setLanguage(language) {
    localStorage.setItem(STORAGE_KEY, language);
    set({ language });
  },
  toggle() {
    get().setLanguage(get().language === 'zh' ? 'en' : 'zh');
  },
}));
