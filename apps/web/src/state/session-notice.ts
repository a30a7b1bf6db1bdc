import { create } from 'zustand';

/** Why the sign-in page is showing, when it was not the user's own choice to come there. */
export type SessionNotice = 'expired' | 'signedOut';

interface SessionNoticeState {
  notice: SessionNotice | null;
  set(notice: SessionNotice | null): void;
}

export const useSessionNotice = create<SessionNoticeState>()((set) => ({
  notice: null,
  set: (notice) => set({ notice }),
}));
