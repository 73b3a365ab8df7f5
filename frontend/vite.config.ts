import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The backend serves GraphQL at /graphql and this build (dist/) at / on one port. In development
// (`vite`) and preview (`vite preview`) the GraphQL requests go to the backend on port 3000.
const backendProxy = { '/graphql': { target: 'http://127.0.0.1:3000', changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: backendProxy },
  preview: { proxy: backendProxy },
});
