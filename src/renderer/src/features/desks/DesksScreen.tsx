import { Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ScreenProps } from '../../router/feature'
import { navigate } from '../../router/hash'
import { Screen } from '../../ui/Screen'
import { BackupTab } from './BackupTab'
import { DesksTab } from './DesksTab'

/** Organizers: the desks of the fleet (pairing, peers, addresses) and this desk's backups, as two tabs. */
export default function DesksScreen({ route }: ScreenProps) {
  const { t } = useTranslation('desks')
  const tab = route === 'desks/backup' ? 'backup' : 'desks'
  return (
    <Screen title={t('title')} testId="desks-screen">
      <Tabs value={tab} onChange={(v) => navigate(v === 'backup' ? 'desks/backup' : 'desks')} mb="md" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="desks" data-testid="desks-tab-desks">
            {t('tabs.desks')}
          </Tabs.Tab>
          <Tabs.Tab value="backup" data-testid="desks-tab-backup">
            {t('tabs.backup')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'desks' ? <DesksTab /> : <BackupTab />}
    </Screen>
  )
}
