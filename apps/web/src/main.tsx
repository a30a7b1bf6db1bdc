import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { createQueryClient, Providers } from './app/providers';
import { Root } from './app/Root';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={createQueryClient()}>
      <Root />
    </Providers>
  </StrictMode>,
);
