import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

// ESM-only packages are bundled into the CommonJS main build instead of being required at run time.
const bundledDeps = ['@actual-app/crdt', 'uuid']

/**
 * One chunk per language for the strings every device needs (shared vocabulary,
 * the app frame, kiosk, badge station) and one for the back office's features,
 * instead of a file per namespace. English is bundled with the code.
 */
function localeChunk(id: string): string | null {
  const lng = /[\\/]([a-z]{2})\.json$/.exec(id)?.[1]
  if (!lng || lng === 'en') return null
  return /[\\/]features[\\/]/.test(id) ? `lang-${lng}-backoffice` : `lang-${lng}`
}

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
      // A station serves the chunk list with the app: tests check which chunks a kiosk loads.
      manifest: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        output: { codeSplitting: { groups: [{ name: localeChunk, debugName: 'locales', test: /[\\/]locales[\\/][a-z]{2}\.json$|[\\/]shared[\\/]i18n[\\/][a-z]{2}\.json$/ }] } }
      }
    },
    plugins: [react()]
  }
})
