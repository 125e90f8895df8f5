import { useMemo } from 'react'
import { qrMatrix } from '../../../shared/qr'

/** Modules of white around the code: scanners need a quiet zone. */
const QUIET = 3

/** A QR code drawn as SVG from its text (no network, no canvas): dark squares on white with a quiet zone. */
export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId?: string }) {
  const modules = useMemo(() => qrMatrix(text), [text])
  const path = useMemo(() => {
    let d = ''
    modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`
      })
    )
    return d
  }, [modules])
  const side = modules.length + 2 * QUIET
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${side} ${side}`} width={size} height={size} shapeRendering="crispEdges" data-testid={testId} data-text={text}>
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
