import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
// After the components, so the app's rules come after the libraries' stylesheets and win ties.
import './app/app.css';
import { createQueryClient, Providers } from './app/providers';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={createQueryClient()}>
      <Root />
    </Providers>
  </StrictMode>,
);
