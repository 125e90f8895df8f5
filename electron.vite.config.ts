import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

// ESM-only packages are bundled into the CommonJS main build instead of being required at run time.
const bundledDeps = ['@actual-app/crdt', 'uuid']

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          station: resolve(__dirname, 'src/main/station.ts'),
          // A worker thread's script (src/main/attendees/import-thread.ts loads it from out/main).
          'import-worker': resolve(__dirname, 'src/main/attendees/import-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      minify: true,
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
