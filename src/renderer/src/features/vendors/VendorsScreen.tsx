import { Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { EventScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { Screen } from '../../ui/Screen'
import { Budget } from './Budget'
import { ContractDetail } from './ContractDetail'
import { Contracts } from './Contracts'
import { Directory } from './Directory'
import { Requests } from './Requests'
import { RfqDetail } from './RfqDetail'

const TABS = ['directory', 'requests', 'contracts', 'budget'] as const
type Tab = (typeof TABS)[number]
const PATH: Record<Tab, string> = { directory: 'vendors', requests: 'vendors/requests', contracts: 'vendors/contracts', budget: 'vendors/budget' }

function tabOf(route: string): Tab {
  if (route.startsWith('vendors/requests')) return 'requests'
  if (route.startsWith('vendors/contracts')) return 'contracts'
  if (route.startsWith('vendors/budget')) return 'budget'
  return 'directory'
}

/** One screen, four tabs; a request and a contract open on their own route. */
export default function VendorsScreen({ route, params, eventId }: EventScreenProps) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const tab = tabOf(route)
  return (
    <Screen title={t('title')} testId="vendors-screen">
      <Tabs value={tab} onChange={(v) => v && navigate(PATH[v as Tab])} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`vendors-tab-${k}`}>
              {t(`tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {route === 'vendors' && <Directory />}
      {route === 'vendors/requests' && <Requests eventId={eventId} />}
      {route === 'vendors/requests/:rfqId' && <RfqDetail rfqId={params.rfqId!} eventId={eventId} />}
      {route === 'vendors/contracts' && <Contracts eventId={eventId} />}
      {route === 'vendors/contracts/:contractId' && <ContractDetail contractId={params.contractId!} />}
      {route === 'vendors/budget' && <Budget eventId={eventId} />}
    </Screen>
  )
}
