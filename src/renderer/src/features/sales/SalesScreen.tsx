import { SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { EventScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { Screen } from '../../ui/Screen'
import { LeadsView } from './LeadsView'
import { PipelineView } from './PipelineView'

/** Leads and the pipeline, one screen with a switch between the two. */
export default function SalesScreen({ route, eventId }: EventScreenProps) {
  const { t } = useTranslation('sales')
  const view = route === 'sales/pipeline' ? 'pipeline' : 'leads'
  return (
    <Screen
      title={t('title')}
      testId="sales-screen"
      actions={
        <SegmentedControl
          data-testid="sales-view"
          value={view}
          onChange={(v) => navigate(v === 'pipeline' ? 'sales/pipeline' : 'sales')}
          data={[
            { value: 'leads', label: t('leads') },
            { value: 'pipeline', label: t('pipeline') }
          ]}
        />
      }
    >
      {view === 'pipeline' ? <PipelineView eventId={eventId} /> : <LeadsView eventId={eventId} />}
    </Screen>
  )
}
