import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { StatusBadge, TicketBadge } from '../../shared/badges'
import { formatTime, fullName } from '../../ui/format'

const ROW_HEIGHT = 44
const HEADER_HEIGHT = 40

interface Props {
  total: number
  rowAt: (index: number) => AttendeeRow | undefined
  ensure: (start: number, end: number) => void
  ticketTypes: Map<string, TicketTypeRow>
  onOpen: (id: string) => void
  /** Changes whenever the filter changes: the table scrolls back to the top. */
  resetKey: string
}

/** A virtualised attendee table: only the rows on screen exist in the DOM. */
export function AttendeeTable({ total, rowAt, ensure, ticketTypes, onOpen, resetKey }: Props) {
  const { t } = useTranslation(['attendees', 'app', 'shared'])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  // Ask for the pages in view, a moment after scrolling settles (not for every page flown past).
  useEffect(() => {
    const timer = setTimeout(() => ensure(first, last), 40)
    return () => clearTimeout(timer)
  }, [first, last, ensure])

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [resetKey])

  return (
    <div ref={scrollRef} className="ed-table-scroll" data-testid="attendee-table" role="table" aria-rowcount={total + 1} aria-label={t('title')}>
      <div className="ed-grid-row ed-grid-head" role="row" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
        <span role="columnheader" data-col="code">
          {t('shared:fields.code')}
        </span>
        <span role="columnheader" data-col="name">
          {t('shared:fields.name')}
        </span>
        <span role="columnheader" className="ed-col-wide">
          {t('shared:fields.email')}
        </span>
        <span role="columnheader" className="ed-col-wide">
          {t('shared:fields.company')}
        </span>
        <span role="columnheader" data-col="ticketType">
          {t('shared:fields.ticketType')}
        </span>
        <span role="columnheader" data-col="status">
          {t('shared:fields.status')}
        </span>
        <span role="columnheader" data-col="checkedIn">
          {t('shared:fields.checkedIn')}
        </span>
      </div>
      <div className="ed-grid-body" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index)
          return (
            <div
              key={item.key}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
            >
              {row ? (
                <Row row={row} index={item.index} ticketType={ticketTypes.get(row.ticketTypeId)} onOpen={onOpen} />
              ) : (
                <div className="ed-grid-row" style={{ height: '100%' }} role="row" aria-rowindex={item.index + 2} data-testid="attendee-row-loading">
                  {Array.from({ length: 7 }, (_, i) => (
                    <span key={i} className={i === 2 || i === 3 ? 'ed-skeleton ed-col-wide' : 'ed-skeleton'} />
                  ))}
                </div>
              )}
            </div>
          )
        })}
      </div>
    </div>
  )
}

const Row = memo(function Row({ row, index, ticketType, onOpen }: { row: AttendeeRow; index: number; ticketType: TicketTypeRow | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation(['attendees', 'app', 'shared'])
  const name = fullName(row)
  // Shown under the name when the table is too narrow for their own columns.
  const details = [row.email ?? (row.invalidEmail ? `⚠ ${row.invalidEmail}` : null), row.company].filter(Boolean).join(' · ')
  return (
    <div
      className="ed-grid-row"
      style={{ height: '100%' }}
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      data-testid="attendee-row"
      data-id={row.id}
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onOpen(row.id)
        }
      }}
    >
      <span role="cell" className="ed-mono ed-ellipsis" style={{ fontWeight: 700 }}>
        {row.code}
      </span>
      <span role="cell" className="ed-ellipsis" title={[name, details, row.doorNote].filter(Boolean).join('\n')}>
        {row.attention && (
          <span className="ed-attention-mark" aria-label={t('attentionMark')} title={row.doorNote ?? t('attentionMark')} data-testid="attendee-attention">
            ⚠{' '}
          </span>
        )}
        <span style={{ fontWeight: 600 }}>{name}</span>
        {details && <span className="ed-name-extra ed-ellipsis">{details}</span>}
      </span>
      <span role="cell" className="ed-ellipsis ed-col-wide" title={row.email ?? row.invalidEmail ?? undefined}>
        {row.email ??
          (row.invalidEmail && (
            <span className="ed-invalid-email" title={t('invalidEmailMark', { value: row.invalidEmail })} data-testid="attendee-invalid-email">
              ⚠ {row.invalidEmail}
            </span>
          ))}
      </span>
      <span role="cell" className="ed-ellipsis ed-col-wide" title={row.company ?? undefined}>
        {row.company}
      </span>
      <span role="cell" className="ed-ellipsis">
        <TicketBadge ticketType={ticketType} size="sm" />
      </span>
      <span role="cell">
        <StatusBadge status={row.status} />
      </span>
      <span role="cell" className="ed-ellipsis">
        {row.checkedInAt ? formatTime(row.checkedInAt) : ''}
      </span>
    </div>
  )
})
