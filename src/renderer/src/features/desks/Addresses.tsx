/** Typed addresses, for networks where discovery finds nothing: add one, forget one (also those that came with pairing). */
import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '../../../../shared/contract/sync'
import { call } from '../../api/client'
import { FormError } from '../../ui/FormError'
import { notifyError } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

export function Addresses({ detail }: { detail: NonNullable<SyncStatus['detail']> }) {
  const { t } = useTranslation(['desks', 'app'])
  const [address, setAddress] = useState('')
  const { errors, formError, busy, save } = useSave({ fields: ['address'] })

  const add = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      await call('sync.addAddress', { address })
      setAddress('')
    })
  }
  const forget = (a: string) => void call('sync.forgetAddress', { address: a }).catch(notifyError)

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('addresses.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('addresses.help')}
        </Text>
        {detail.knownAddresses.length > 0 && (
          <Table data-testid="known-addresses" layout="fixed">
            <Table.Tbody>
              {detail.knownAddresses.map((known) => (
                <Table.Tr key={known.address} data-testid="known-address" data-address={known.address}>
                  <Table.Td>
                    <Text className="ed-mono ed-break">{known.address}</Text>
                  </Table.Td>
                  <Table.Td w="32%">
                    <Text size="sm" c="dimmed">
                      {t(`addresses.source.${known.source}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={130}>
                    <Button size="xs" variant="default" onClick={() => forget(known.address)} data-testid="address-forget">
                      {t('addresses.forget')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={add} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              aria-label={t('addresses.new')}
              placeholder="192.168.1.20:4801"
              data-testid="address-input"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={errors.address}
              style={{ flex: '1 1 240px', maxWidth: 360 }}
            />
            <Button type="submit" loading={busy} data-testid="address-add">
              {t('addresses.add')}
            </Button>
          </Group>
          <FormError message={formError} />
        </form>
      </Stack>
    </Paper>
  )
}
