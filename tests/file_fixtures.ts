/*
 * Real documents for upload tests, written to tmp/: a one-page PDF whose
 * text PDF.js can read, a DOCX that mammoth can read, plain text, and a
 * program renamed to look like a report.
 */
import app from '@adonisjs/core/services/app'
import JSZip from 'jszip'
import { mkdir, writeFile } from 'node:fs/promises'

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
