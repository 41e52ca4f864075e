import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './ui/styles.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(<App />);
