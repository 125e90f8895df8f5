/**
 * The renderer runs under a Content-Security-Policy without 'unsafe-eval'.
 * Zod would probe `new Function` (a CSP violation in the console); jitless
 * mode never tries. Imported first by main.tsx, before any schema is built.
 */
import { z } from 'zod'

z.config({ jitless: true })
