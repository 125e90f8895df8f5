import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../../shared/fields'
import type { StaffRow } from '../../../../shared/contract/staff'
import { ROLES, type Role } from '../../../../shared/roles'
import { call, fieldErrors } from '../../api/client'
import { useLiveRefresh } from '../../api/live'
import { useSession } from '../../api/session'
import { useQuery } from '../../api/useQuery'
import { notifyError, notifySuccess } from '../../ui/notify'
import { PinField } from '../../ui/PinField'
import { Screen } from '../../ui/Screen'
import { useSave } from '../../ui/useSave'
import { roleLabel } from '../auth/roles'

/** Organizers: who may sign in on this desk, with which role. */
export function StaffScreen() {
  const { t } = useTranslation()
  const list = useQuery(() => call('staff.list', {}), [])
  useLiveRefresh(['staff'], null, list.reload)
  return (
    <Screen title={t('staff.title')}>
      <Stack gap="lg" maw={980}>
        {list.error && <Alert color="red">{list.error}</Alert>}
        <Table withTableBorder striped data-testid="staff-table" layout="fixed" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th w={200}>{t('fields.role')}</Table.Th>
              <Table.Th w={110}>{t('fields.active')}</Table.Th>
              <Table.Th w={330} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.map((s) => <StaffRowView key={s.id} staff={s} onChanged={list.reload} />)}
          </Table.Tbody>
        </Table>
        <CreateStaff onCreated={list.reload} />
        <RenameDesk />
      </Stack>
    </Screen>
  )
}

function StaffRowView({ staff, onChanged }: { staff: StaffRow; onChanged: () => void }) {
  const { t } = useTranslation()
  const me = useSession((s) => s.session?.staff.id)
  const [busy, setBusy] = useState(false)
  const [resetting, setResetting] = useState(false)
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string | undefined>()

  const update = async (patch: { active?: boolean; role?: Role; pin?: string }, message: string) => {
    setBusy(true)
    try {
      await call('staff.update', { id: staff.id, ...patch })
      notifySuccess(message)
      onChanged()
      return true
    } catch (err) {
      setPinError(fieldErrors(err).pin)
      notifyError(err)
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <Table.Tr data-testid="staff-row" data-active={staff.active}>
      <Table.Td>
        <Text fw={600} className="ed-ellipsis" title={staff.name}>
          {staff.name}
          {staff.id === me && (
            <Text span c="dimmed" size="sm">
              {' '}
              {t('staff.you')}
            </Text>
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t('fields.role')}
          data-testid="staff-row-role"
          size="sm"
          value={staff.role}
          disabled={busy || staff.id === me}
          onChange={(e) => void update({ role: e.currentTarget.value as Role }, t('staff.updated', { name: staff.name }))}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
      </Table.Td>
      <Table.Td>
        <Badge color={staff.active ? 'green' : 'gray'} variant={staff.active ? 'filled' : 'outline'}>
          {staff.active ? t('staff.active') : t('staff.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        {resetting ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void update({ pin }, t('staff.pinReset', { name: staff.name })).then((ok) => {
                if (ok) {
                  setResetting(false)
                  setPin('')
                }
              })
            }}
          >
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <PinField
                size="sm"
                aria-label={t('staff.newPin')}
                placeholder={t('staff.newPin')}
                data-testid="staff-new-pin"
                value={pin}
                onChange={(e) => setPin(e.currentTarget.value)}
                error={pinError}
                w={130}
                autoFocus
              />
              <Button size="sm" type="submit" loading={busy} data-testid="staff-reset-pin-save">
                {t('common.save')}
              </Button>
              <Button size="sm" variant="subtle" onClick={() => setResetting(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </form>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Button size="sm" variant="default" onClick={() => setResetting(true)} data-testid="staff-reset-pin">
              {t('staff.resetPin')}
            </Button>
            {staff.id !== me && (
              <Button
                size="sm"
                variant={staff.active ? 'outline' : 'light'}
                color={staff.active ? 'red' : 'green'}
                loading={busy}
                onClick={() =>
                  void update(
                    { active: !staff.active },
                    t(staff.active ? 'staff.deactivated' : 'staff.reactivated', { name: staff.name })
                  )
                }
                data-testid="staff-toggle-active"
              >
                {staff.active ? t('staff.deactivate') : t('staff.reactivate')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

function CreateStaff({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('desk')
  const [pin, setPin] = useState('')
  const { errors, busy, save } = useSave()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const created = await call('staff.create', { name: name.trim(), role, pin })
      notifySuccess(t('staff.created', { name: created.name }))
      setName('')
      setPin('')
      onCreated()
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="staff-form">
        <Stack gap="sm">
          <Title order={4}>{t('staff.add')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('fields.name')} data-testid="staff-name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={LIMITS.name} />
            <NativeSelect
              label={t('fields.role')}
              data-testid="staff-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
              error={errors.role}
            />
            <PinField
              label={t('fields.pin')}
              data-testid="staff-pin"
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
              error={errors.pin}
              description={t('auth.pinRule', { min: LIMITS.pin.min, max: LIMITS.pin.max })}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="staff-save">
              {t('staff.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** Names this desk, so "checked in at desk …" says something people recognise. */
function RenameDesk() {
  const { t } = useTranslation()
  const current = useSession((s) => s.session?.deskName ?? '')
  const updateSession = useSession((s) => s.update)
  const [name, setName] = useState(current)
  const { errors, busy, save } = useSave()

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const result = await call('desk.rename', { name })
      updateSession({ deskName: result.deskName })
      notifySuccess(t('staff.deskRenamed', { name: result.deskName }))
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t('staff.deskTitle')}</Title>
          <Group align="flex-end">
            <TextInput
              label={t('staff.deskName')}
              description={t('staff.deskHelp')}
              data-testid="desk-name"
              value={name}
              maxLength={60}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={busy} data-testid="desk-name-save">
              {t('staff.deskSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
