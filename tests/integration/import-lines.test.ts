/** An import problem names the line the preview shows beside the row, which is the row's line in the file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskWithEvent, removeDir } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
beforeAll(async () => {
  desk = await deskWithEvent()
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

describe('import line numbers', () => {
  it('gives the preview the file line of each sample row, the numbers issues use', async () => {
    // Line 1 header, 2 fine, 3 blank, 4 a bad e-mail, 5 fine, 6 no name.
    const csv = ['First Name,Last Name,Email', 'Ada,Lovelace,ada@example.com', '', 'Bad,Mail,not-an-address', 'Alan,Turing,alan@example.com', ',,nobody@example.com'].join('\r\n')
    const upload = await desk.call('import.upload', { eventId: desk.eventId, fileName: 'people.csv', base64: Buffer.from(csv).toString('base64') }, desk.organizer)
    expect(upload.sample.map((row) => row[0])).toEqual(['Ada', 'Bad', 'Alan', ''])
    expect(upload.sampleLines).toEqual([2, 4, 5, 6])
    const check = await desk.call('import.check', { importId: upload.importId, mapping: upload.mapping, defaultTicketTypeId: desk.gaId }, desk.organizer)
    const lineOfIssue = (code: string) => check.issues.find((i) => i.code === code)!.line
    // The preview row that shows "Bad" is the row the e-mail problem names, and so on.
    expect(lineOfIssue('invalid_email')).toBe(upload.sampleLines[upload.sample.findIndex((row) => row[0] === 'Bad')])
    expect(lineOfIssue('missing_name')).toBe(upload.sampleLines[upload.sample.findIndex((row) => row[2] === 'nobody@example.com')])
  })
})
