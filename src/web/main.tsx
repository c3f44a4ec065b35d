import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startQueue } from './offline/queue.ts';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('#root tidak ditemukan di index.html');
startQueue();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
