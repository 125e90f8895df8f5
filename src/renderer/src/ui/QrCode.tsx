import { useMemo } from 'react'
import { encode } from 'uqr'

/** A QR code drawn as SVG from its text (no network, no canvas): dark squares on white with a quiet zone. */
export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId?: string }) {
  const qr = useMemo(() => encode(text, { ecc: 'M', border: 3 }), [text])
  const path = useMemo(() => {
    let d = ''
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`
      })
    )
    return d
  }, [qr])
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${qr.size} ${qr.size}`} width={size} height={size} shapeRendering="crispEdges" data-testid={testId} data-text={text}>
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
