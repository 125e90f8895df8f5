/**
 * Every QR code the project makes (badges, pairing) comes from here, made one
 * way (a scanner proven on one of them is proven on all): error correction M (15 %:
 * survives a scuffed badge and stays small), the mask the standard's penalty
 * rules pick, alphanumeric mode for upper-case codes (a smaller version,
 * bigger modules, easier for phone cameras and zxing).
 */
import qrcode from 'qrcode-generator'

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/

/** Dark modules, row by row. */
export function qrMatrix(data: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(data, ALPHANUMERIC.test(data) ? 'Alphanumeric' : 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
}
