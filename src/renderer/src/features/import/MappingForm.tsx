import { NativeSelect, SimpleGrid } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IMPORT_FIELDS, type ImportField } from '../../../../shared/contract/attendees'

export type MappingValues = Record<ImportField, string>

/** One select per field: which column of the file fills it ('' = not imported). */
export function MappingForm({ headers, value, onChange }: { headers: string[]; value: MappingValues; onChange: (v: MappingValues) => void }) {
  const { t } = useTranslation(['import', 'app', 'shared'])
  const options = [
    { value: '', label: t('notImported') },
    ...headers.map((h, i) => ({ value: String(i), label: h.trim() ? h : t('column', { n: i + 1 }) }))
  ]
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="import-mapping">
      {IMPORT_FIELDS.map((field) => (
        <NativeSelect
          key={field}
          label={t(`shared:importFields.${field}`)}
          data-testid={`map-${field}`}
          value={value[field]}
          onChange={(e) => onChange({ ...value, [field]: e.currentTarget.value })}
          data={options}
        />
      ))}
    </SimpleGrid>
  )
}
