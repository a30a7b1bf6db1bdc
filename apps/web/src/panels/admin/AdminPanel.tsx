import { type KeyboardEvent, useId, useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { AuditTab } from './AuditTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';

const tabs = [
  { id: 'users', title: 'admin.tab.users', Component: UsersTab },
  { id: 'tokens', title: 'admin.tab.tokens', Component: TokensTab },
  { id: 'audit', title: 'admin.tab.audit', Component: AuditTab },
] as const satisfies readonly { id: string; title: MessageKey; Component: () => unknown }[];

type TabId = (typeof tabs)[number]['id'];

/** 系统管理: users, API tokens and the audit trail — the zero-trust controls, for administrators only. */
export function AdminPanel() {
  const { t } = useT();
  const base = useId();
  const [open, setOpen] = useState<TabId>('users');
  const current = tabs.find((tab) => tab.id === open) ?? tabs[0];

  // Arrow keys move between tabs, as in any tab list.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex((tab) => tab.id === open);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      setOpen(next.id);
      document.getElementById(`${base}-tab-${next.id}`)?.focus();
    }
  };

  return (
    <>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.sections')} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${base}-tab-${tab.id}`}
            type="button"
            role="tab"
            data-testid={`admin-${tab.id}`}
            aria-selected={tab.id === open}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === open ? 0 : -1}
            onClick={() => setOpen(tab.id)}
          >
            {t(tab.title)}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        className="admin-tab"
        data-testid={`admin-panel-${current.id}`}
        aria-labelledby={`${base}-tab-${current.id}`}
      >
        <current.Component />
      </div>
    </>
  );
}
