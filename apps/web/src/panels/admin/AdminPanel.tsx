import { useState } from 'react';
import { type TabSpec, Tabs } from '../Tabs';
import { AuditTab } from './AuditTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';

type TabId = 'users' | 'tokens' | 'audit';

const tabs: readonly TabSpec<TabId>[] = [
  { id: 'users', title: 'admin.tab.users', render: () => <UsersTab /> },
  { id: 'tokens', title: 'admin.tab.tokens', render: () => <TokensTab /> },
  { id: 'audit', title: 'admin.tab.audit', render: () => <AuditTab /> },
];

/** 系统管理: users, API tokens and the audit trail — the zero-trust controls, for administrators only. */
export function AdminPanel() {
  const [open, setOpen] = useState<TabId>('users');
  return <Tabs tabs={tabs} selected={open} onSelect={setOpen} label="admin.sections" testIdPrefix="admin" />;
}
