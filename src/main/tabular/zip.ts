/**
 * Just enough of ZIP to read an .xlsx that is already in memory: the central
 * directory, and one entry at a time as a stream, in any order (a streaming
 * unzip sees entries in file order, and Excel writes the sheets before the
 * shared strings and the workbook, so it would have to spool every sheet to
 * disk first). Inflated bytes are counted: a zip bomb stops at the limit.
 */
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

export class ZipError extends Error {
  constructor(
    readonly reason: 'not_zip' | 'unsupported' | 'too_large',
    message: string
  ) {
    super(message)
    this.name = 'ZipError'
  }
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_MARK = 0xffffffff
const STORED = 0
const DEFLATED = 8

/** The entries of a ZIP archive by name; throws ZipError when it is not one we can read. */
export function readZipDirectory(data: Buffer): Map<string, ZipEntry> {
  const eocd = findEndOfDirectory(data)
  const count = data.readUInt16LE(eocd + 10)
  const directoryOffset = data.readUInt32LE(eocd + 16)
  if (directoryOffset === ZIP64_MARK) throw new ZipError('too_large', 'ZIP64 archives are not supported')
  const entries = new Map<string, ZipEntry>()
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipError('not_zip', 'Broken ZIP directory')
    const flags = data.readUInt16LE(at + 8)
    const method = data.readUInt16LE(at + 10)
    const compressedSize = data.readUInt32LE(at + 20)
    const size = data.readUInt32LE(at + 24)
    const nameLength = data.readUInt16LE(at + 28)
    const extraLength = data.readUInt16LE(at + 30)
    const commentLength = data.readUInt16LE(at + 32)
    const localHeaderOffset = data.readUInt32LE(at + 42)
    const name = data.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength)
    if (flags & 0x1) throw new ZipError('unsupported', 'Encrypted ZIP entries are not supported')
    if ([compressedSize, size, localHeaderOffset].includes(ZIP64_MARK)) throw new ZipError('too_large', 'ZIP64 entries are not supported')
    entries.set(name, { name, method, compressedSize, size, localHeaderOffset })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function findEndOfDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes at the very end.
  const lowest = Math.max(0, data.length - 22 - 0xffff)
  for (let at = data.length - 22; at >= lowest; at--) {
    if (data.readUInt32LE(at) === EOCD_SIGNATURE) return at
  }
  throw new ZipError('not_zip', 'No ZIP directory')
}

/** One entry's bytes as a stream; it fails once more than `maxBytes` come out of it. */
export function openZipEntry(data: Buffer, entry: ZipEntry, maxBytes: number): Readable {
  const at = entry.localHeaderOffset
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE) throw new ZipError('not_zip', `Broken ZIP entry ${entry.name}`)
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28)
  const body = data.subarray(start, start + entry.compressedSize)
  if (entry.method === STORED) {
    if (body.length > maxBytes) throw new ZipError('too_large', `${entry.name} is too large`)
    return Readable.from([body])
  }
  if (entry.method !== DEFLATED) throw new ZipError('unsupported', `Unsupported ZIP compression method ${entry.method}`)
  return Readable.from(inflated(body, maxBytes, entry.name))
}

async function* inflated(body: Buffer, maxBytes: number, name: string): AsyncGenerator<Buffer> {
  const inflate = createInflateRaw()
  inflate.end(body)
  let total = 0
  for await (const chunk of inflate as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > maxBytes) throw new ZipError('too_large', `${name} is too large`)
    yield chunk
  }
}
