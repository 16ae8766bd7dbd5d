import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { createClient } from '../shared/contract/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { ToastProvider } from './app/toasts';
import { detectBridge } from './platform/bridge';
import { ClientProvider } from './platform/client-context';
import './styles.css';

const client = createClient(detectBridge());
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <ClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <ToastProvider>
            <HashRouter>
              <App />
            </HashRouter>
          </ToastProvider>
        </QueryClientProvider>
      </ClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
