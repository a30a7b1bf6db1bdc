import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
// MapLibre's rules load with the first page, not with the lazily loaded map: the app's rules come
// after them and win ties (`.map-view` over `.maplibregl-map`, which would collapse the map).
import 'maplibre-gl/dist/maplibre-gl.css';
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
