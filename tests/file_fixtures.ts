/*
 * Real documents for upload tests, written to tmp/: a one-page PDF whose
 * text PDF.js can read, a DOCX that mammoth can read, plain text, and a
 * program renamed to look like a report.
 */
import app from '@adonisjs/core/services/app'
import JSZip from 'jszip'
import { mkdir, writeFile } from 'node:fs/promises'
import { constants, crc32, createDeflateRaw } from 'node:zlib'

async function write(name: string, bytes: Buffer | Uint8Array | string) {
  const folder = app.makePath('tmp', 'test-files')
  await mkdir(folder, { recursive: true })
  const path = `${folder}/${Date.now()}-${Math.random().toString(16).slice(2)}-${name}`
  await writeFile(path, bytes)
  return path
}

/** A one-page PDF showing `text` (ASCII) in Helvetica, with a correct cross-reference table. */
export function textPdf(text: string, name = 'report.pdf') {
  const content = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return write(name, body)
}

/** A minimal Word document with one paragraph. */
export async function textDocx(text: string, name = 'report.docx') {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
  )
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
  )
  return write(name, await zip.generateAsync({ type: 'uint8array' }))
}

export function textFile(text: string, name = 'notes.txt') {
  return write(name, text)
}

/** A Windows program (MZ header) renamed .pdf: refused by content. */
export function disguisedProgram(name = 'report.pdf') {
  return write(name, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]))
}

/** A ZIP part, stored deflated, as a ZIP writer records it. */
type ZipPart = { name: string; data: Buffer; crc: number; size: number }

/** Deflates `head`, `count` copies of `filler`, then `tail`, without ever holding the whole text. */
async function deflatedPart(
  name: string,
  head: string,
  filler: Buffer,
  count: number,
  tail: string
) {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve) => deflate.on('end', resolve))
  let crc = 0
  let size = 0
  const feed = async (bytes: Buffer) => {
    crc = crc32(bytes, crc)
    size += bytes.length
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  await feed(Buffer.from(head))
  for (let index = 0; index < count; index++) await feed(filler)
  await feed(Buffer.from(tail))
  deflate.end()
  await ended
  return { name, data: Buffer.concat(chunks), crc, size }
}

/** The bytes of a ZIP archive; `declare` may state other inflated sizes than the real ones. */
function zipArchive(parts: ZipPart[], declare: (part: ZipPart) => number = (part) => part.size) {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(8, 8)
    header.writeUInt32LE(part.crc >>> 0, 14)
    header.writeUInt32LE(part.data.length, 18)
    header.writeUInt32LE(declare(part), 22)
    header.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(part.crc >>> 0, 16)
    central.writeUInt32LE(part.data.length, 20)
    central.writeUInt32LE(declare(part), 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(header, name, part.data)
    centrals.push(central, name)
    offset += header.length + name.length + part.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/**
 * A DOCX decompression bomb: a small archive whose word/document.xml inflates
 * to `inflatedMb` megabytes of one repeated paragraph. With `lying`, its
 * directory declares 1 KB for that part (so only inflating reveals it).
 */
export async function docxBomb(options: { inflatedMb: number; lying?: boolean }) {
  const small = (name: string, text: string) => deflatedPart(name, text, Buffer.alloc(0), 0, '')
  const paragraph = Buffer.from('<w:p><w:r><w:t>' + '环评'.repeat(1000) + '</w:t></w:r></w:p>')
  const count = Math.ceil((options.inflatedMb * 1024 * 1024) / paragraph.length)
  const parts = [
    await small(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    await small(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    await deflatedPart(
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
      paragraph,
      count,
      '</w:body></w:document>'
    ),
  ]
  const bytes = zipArchive(parts, (part) =>
    options.lying && part.name === 'word/document.xml' ? 1024 : part.size
  )
  return { path: await write('bomb.docx', bytes), bytes: bytes.length, inflated: parts[2].size }
}
