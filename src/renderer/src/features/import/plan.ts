/**
 * The organizer's plan for a file's ticket types and statuses, as the screen
 * keeps it and as `import.check` / `import.commit` take it. Pure functions.
 */
import type { FileTicketType, StatusPlan, TicketTypePlan } from '../../../../shared/contract/attendees'

/** What to do with one ticket type the event lacks: make it (under this name), or take one the event has. */
export type TicketTypeChoice = { action: 'create'; name: string } | { action: 'map'; ticketTypeId: string }

/** File value → the organizer's choice; values without one are created under their suggested name. */
export type TicketTypeChoices = Readonly<Record<string, TicketTypeChoice>>

export const DEFAULT_STATUS_PLAN: StatusPlan = { cancelled: 'cancel', pending: 'register' }

/** The ticket types of the file the event lacks ('' is rows without one: they take the default ticket type). */
export function missingTicketTypes(fileTypes: readonly FileTicketType[]): FileTicketType[] {
  return fileTypes.filter((t) => t.value !== '' && t.matchId === null)
}

export function choiceFor(fileType: FileTicketType, choices: TicketTypeChoices): TicketTypeChoice {
  return choices[fileType.value] ?? { action: 'create', name: fileType.suggested.name }
}

/** The plan `import.check` and `import.commit` take: one entry per missing ticket type. */
export function ticketTypePlan(fileTypes: readonly FileTicketType[], choices: TicketTypeChoices): TicketTypePlan[] {
  return missingTicketTypes(fileTypes).map((fileType) => {
    const choice = choiceFor(fileType, choices)
    if (choice.action === 'map') return { value: fileType.value, action: 'map', ticketTypeId: choice.ticketTypeId }
    const name = choice.name.trim()
    return { value: fileType.value, action: 'create', ...(name && name !== fileType.value ? { name } : {}) }
  })
}
