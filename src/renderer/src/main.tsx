import './zodConfig'
import '@mantine/core/styles.css'
import './ui/global.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { queryClient } from './api/query'
import { App } from './App'
import { startI18n } from './i18n'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// The remembered language is fetched before the first paint: no flash of English.
void startI18n().finally(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>
  )
)
