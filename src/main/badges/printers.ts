/** This desk's printers (a local table) and the bytes a job becomes for each kind of printer. */
import type { PrinterInput, PrinterRow } from '../../shared/contract/badges'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import type { LocalWrites } from '../core/writer'
import { escPosJob, type ThermalMode } from './escpos'
import type { BadgeLayout } from './layout'
import { badgePdf } from './pdf'
import { sendCups, sendTcp, type SendResult } from './transports'
import { zplJob } from './zpl'

const PRINTER_ROW = `SELECT id, name, kind, transport, address, media_width AS mediaWidth, media_height AS mediaHeight, dpi, mode,
  template_id AS templateId FROM printers`

export function listPrinters(read: GuardedSql): PrinterRow[] {
  return read.all<PrinterRow>(`${PRINTER_ROW} ORDER BY created_at, id`)
}

export function getPrinter(read: GuardedSql, id: string): PrinterRow {
  const row = read.get<PrinterRow>(`${PRINTER_ROW} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such printer on this desk', { key: 'printerNotFound' })
  return row
}

export function savePrinter(local: LocalWrites, id: string, p: PrinterInput, now: string): void {
  local.run(
    `INSERT INTO printers (id, name, kind, transport, address, media_width, media_height, dpi, mode, template_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, transport = excluded.transport, address = excluded.address,
       media_width = excluded.media_width, media_height = excluded.media_height, dpi = excluded.dpi, mode = excluded.mode, template_id = excluded.template_id`,
    id,
    p.name,
    p.kind,
    p.transport,
    p.address,
    p.mediaWidth,
    p.mediaHeight,
    p.dpi,
    p.mode,
    p.templateId,
    now
  )
}

/** The job in the printer's language: a PDF page, ESC/POS bytes or ZPL. */
export async function jobBytes(printer: PrinterRow, layout: BadgeLayout): Promise<Uint8Array> {
  switch (printer.kind) {
    case 'pdf':
      return badgePdf(layout)
    case 'escpos':
      return escPosJob(layout, { widthDots: Math.round((printer.mediaWidth / 25.4) * printer.dpi), dpi: printer.dpi, mode: printer.mode as ThermalMode }).bytes
    case 'zpl':
      return Buffer.from(zplJob(layout, { dpi: printer.dpi }), 'utf8')
  }
}

export function send(printer: PrinterRow, bytes: Uint8Array, title: string): Promise<SendResult> {
  return printer.transport === 'tcp' ? sendTcp(printer.address, bytes) : sendCups(printer.address, bytes, { raw: printer.kind !== 'pdf', title })
}
