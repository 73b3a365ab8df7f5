import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The backend serves GraphQL at /graphql and this build (dist/) at / on one port. In development
// (`vite`) and preview (`vite preview`) the GraphQL requests go to the backend on port 3000.
const backend = { target: 'http://127.0.0.1:3000', changeOrigin: true };
const backendProxy = { '/graphql': backend, '/exports': backend, '/auth': backend };

export default defineConfig({
  plugins: [react()],
  // the manifest lets scripts/report-route-sizes.mjs add up each route's initial JavaScript
  build: { outDir: 'dist', emptyOutDir: true, manifest: true },
  server: { proxy: backendProxy },
  preview: { proxy: backendProxy },
});
