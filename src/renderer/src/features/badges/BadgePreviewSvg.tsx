import type { BadgePreview } from '../../../../shared/contract/badges'

/** A badge drawn from the core's layout (positions and fitted sizes in mm): the same fit as the PDF, at screen speed. */
export function BadgePreviewSvg({ preview, selected, height = 420 }: { preview: BadgePreview; selected?: string | null; height?: number }) {
  const { width: w, height: h } = preview
  const pt = 25.4 / 72
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      height={height}
      style={{ background: '#fff', boxShadow: '0 1px 4px rgba(0,0,0,.25)', maxWidth: '100%' }}
      data-testid="badge-preview"
      role="img"
    >
      {preview.shapes.map((s, i) => {
        const mark = s.id === selected ? { outline: '0.4px dashed #e8590c' } : undefined
        switch (s.kind) {
          case 'rect':
            return <rect key={i} x={s.x} y={s.y} width={s.w} height={s.h} fill={s.fill ?? 'none'} stroke={s.stroke ?? 'none'} strokeWidth={s.strokeWidth} style={mark} />
          case 'line':
            return <line key={i} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={s.color} strokeWidth={s.width} />
          case 'qr': {
            const m = s.size / s.modules.length
            return (
              <g key={i} style={mark}>
                {s.modules.flatMap((row, r) => [...row].map((c, k) => (c === '1' ? <rect key={`${r}-${k}`} x={s.x + k * m} y={s.y + r * m} width={m + 0.02} height={m + 0.02} /> : null)))}
              </g>
            )
          }
          case 'bars':
            return (
              <g key={i} style={mark}>
                {s.bars.map(([x, bw], k) => (
                  <rect key={k} x={s.x + x} y={s.y} width={bw} height={s.h} />
                ))}
              </g>
            )
          case 'text':
            return (
              <g key={i} style={mark} data-testid={`preview-text-${s.id}`}>
                {s.lines.map((l, k) => (
                  <text key={k} x={l.x} y={l.baseline} textLength={l.width} lengthAdjust="spacingAndGlyphs" fontSize={s.size * pt} fontWeight={s.bold ? 700 : 400} fill={s.color} fontFamily="'Noto Sans', 'DejaVu Sans', sans-serif">
                    {l.text}
                  </text>
                ))}
              </g>
            )
        }
      })}
    </svg>
  )
}
