import { Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ATTENDEE_STATUSES, type AttendeeStatus } from '../../../../shared/contract/attendees'
import { useTicketTypes } from '../../shared/events'

export interface FilterValues {
  query: string
  status: '' | AttendeeStatus
  ticketTypeId: string
  checkedIn: '' | 'yes' | 'no'
  /** Only people whose file gave an e-mail that is no address. */
  invalidEmail: boolean
  /** Only people flagged for the door's attention. */
  attention: boolean
}

export const NO_FILTER: FilterValues = { query: '', status: '', ticketTypeId: '', checkedIn: '', invalidEmail: false, attention: false }

/** Search (debounced), the three selects and two checkboxes above the attendee table. */
export function AttendeeFilters({ value, onChange }: { value: FilterValues; onChange: (v: FilterValues) => void }) {
  const { t } = useTranslation(['attendees', 'app', 'shared'])
  const ticketTypes = useTicketTypes()
  const [query, setQuery] = useState(value.query)
  const [debounced] = useDebouncedValue(query, 250)

  useEffect(() => {
    if (debounced !== value.query) onChange({ ...value, query: debounced })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced])

  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <TextInput
        label={t('search')}
        placeholder={t('searchPlaceholder')}
        data-testid="attendees-search"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        style={{ flex: '1 1 320px' }}
        maw={560}
        maxLength={500}
      />
      <NativeSelect
        label={t('shared:fields.status')}
        data-testid="attendees-status"
        value={value.status}
        onChange={(e) => onChange({ ...value, status: e.currentTarget.value as FilterValues['status'] })}
        data={[{ value: '', label: t('all') }, ...ATTENDEE_STATUSES.map((s) => ({ value: s, label: t(`shared:status.${s}`) }))]}
        w={160}
      />
      <NativeSelect
        label={t('shared:fields.ticketType')}
        data-testid="attendees-ticket-type"
        value={value.ticketTypeId}
        onChange={(e) => onChange({ ...value, ticketTypeId: e.currentTarget.value })}
        data={[{ value: '', label: t('all') }, ...ticketTypes.map((tt) => ({ value: tt.id, label: tt.name }))]}
        w={200}
      />
      <NativeSelect
        label={t('shared:fields.checkedIn')}
        data-testid="attendees-checked-in"
        value={value.checkedIn}
        onChange={(e) => onChange({ ...value, checkedIn: e.currentTarget.value as FilterValues['checkedIn'] })}
        data={[
          { value: '', label: t('all') },
          { value: 'yes', label: t('checkedInYes') },
          { value: 'no', label: t('checkedInNo') }
        ]}
        w={180}
      />
      <Stack gap={6} pb={2}>
        <Checkbox
          label={t('invalidEmailFilter')}
          data-testid="attendees-invalid-email"
          checked={value.invalidEmail}
          onChange={(e) => onChange({ ...value, invalidEmail: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('attentionFilter')}
          data-testid="attendees-attention"
          checked={value.attention}
          onChange={(e) => onChange({ ...value, attention: e.currentTarget.checked })}
        />
      </Stack>
    </Group>
  )
}
