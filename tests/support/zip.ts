/**
 * Writes ZIP archives for tests: small ones from buffers, and spreadsheets far
 * larger than memory should hold from a stream of parts (deflated as they come).
 */
import { crc32, createDeflateRaw } from 'node:zlib'

export interface ZipPart {
  name: string
  /** The entry's content, as one buffer or as chunks produced one after the other. */
  data: Buffer | Iterable<Buffer>
}

interface Written {
  name: Buffer
  crc: number
  size: number
  compressed: number
  offset: number
}

function deflate(chunks: Iterable<Buffer>): Promise<{ parts: Buffer[]; crc: number; size: number }> {
  return new Promise((resolve, reject) => {
    const stream = createDeflateRaw({ level: 1 })
    const parts: Buffer[] = []
    let crc = 0
    let size = 0
    stream.on('data', (part: Buffer) => parts.push(part))
    stream.on('end', () => resolve({ parts, crc, size }))
    stream.on('error', reject)
    const iterator = chunks[Symbol.iterator]()
    const pump = (): void => {
      for (;;) {
        const next = iterator.next()
        if (next.done) {
          stream.end()
          return
        }
        crc = crc32(next.value, crc)
        size += next.value.length
        if (!stream.write(next.value)) {
          stream.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}

export async function writeZip(entries: ZipPart[]): Promise<Buffer> {
  const out: Buffer[] = []
  const written: Written[] = []
  let offset = 0
  for (const entry of entries) {
    const { parts, crc, size } = await deflate(Buffer.isBuffer(entry.data) ? [entry.data] : entry.data)
    const compressed = parts.reduce((n, p) => n + p.length, 0)
    const name = Buffer.from(entry.name, 'utf8')
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(0x800, 6)
    header.writeUInt16LE(8, 8)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(compressed, 18)
    header.writeUInt32LE(size, 22)
    header.writeUInt16LE(name.length, 26)
    out.push(header, name, ...parts)
    written.push({ name, crc, size, compressed, offset })
    offset += header.length + name.length + compressed
  }
  const directoryStart = offset
  for (const w of written) {
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(0x800, 8)
    header.writeUInt16LE(8, 10)
    header.writeUInt32LE(w.crc, 16)
    header.writeUInt32LE(w.compressed, 20)
    header.writeUInt32LE(w.size, 24)
    header.writeUInt16LE(w.name.length, 28)
    header.writeUInt32LE(w.offset, 42)
    out.push(header, w.name)
    offset += header.length + w.name.length
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(written.length, 8)
  end.writeUInt16LE(written.length, 10)
  end.writeUInt32LE(offset - directoryStart, 12)
  end.writeUInt32LE(directoryStart, 16)
  out.push(end)
  return Buffer.concat(out)
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Attendees" sheetId="1" r:id="rId1"/></sheets></workbook>`
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** The parts of a one-sheet workbook around the given sheet XML. */
export function xlsxParts(sheet: Buffer | Iterable<Buffer>): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet }
  ]
}

/**
 * An .xlsx of `rows` data rows × `columns` cells (inline strings in the header,
 * numbers below), written a few thousand rows at a time: the sheet XML of a
 * 400,000-row file never exists in memory as a whole.
 */
export function largeXlsx(rows: number, columns: number): Promise<Buffer> {
  const letters = Array.from({ length: columns }, (_, i) => columnName(i))
  function* sheet(): Generator<Buffer> {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    const header = letters.map((l, i) => `<c r="${l}1" t="inlineStr"><is><t>${i === 0 ? 'First name' : i === 1 ? 'Last name' : `Field ${i}`}</t></is></c>`)
    yield Buffer.from(`<row r="1">${header.join('')}</row>`)
    const BATCH = 2000
    for (let start = 2; start <= rows + 1; start += BATCH) {
      let xml = ''
      for (let r = start; r < Math.min(start + BATCH, rows + 2); r++) {
        xml += `<row r="${r}">`
        for (let c = 0; c < columns; c++) xml += `<c r="${letters[c]}${r}"><v>${r * 100 + c}</v></c>`
        xml += '</row>'
      }
      yield Buffer.from(xml)
    }
    yield Buffer.from('</sheetData></worksheet>')
  }
  return writeZip(xlsxParts(sheet()))
}
