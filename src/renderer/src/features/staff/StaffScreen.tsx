import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '../../../../shared/fields'
import type { StaffRow } from '../../../../shared/contract/staff'
import { ROLES, type Role } from '../../../../shared/roles'
import { call, errorMessage } from '../../api/client'
import { upsertApiRow, useApi } from '../../api/query'
import { useSession } from '../../api/session'
import { roleLabel } from '../../shared/labels'
import { FormError } from '../../ui/FormError'
import { notifyError, notifySuccess } from '../../ui/notify'
import { PinField } from '../../ui/PinField'
import { Screen } from '../../ui/Screen'
import { useSave } from '../../ui/useSave'

/** Organizers: who may sign in on this desk, with which role. */
export default function StaffScreen() {
  const { t } = useTranslation(['staff', 'app', 'shared'])
  const list = useApi('staff.list', {})
  return (
    <Screen title={t('title')}>
      <Stack gap="lg" maw={980}>
        {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
        <Table withTableBorder striped data-testid="staff-table" layout="fixed" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shared:fields.name')}</Table.Th>
              <Table.Th w={250}>{t('shared:fields.role')}</Table.Th>
              <Table.Th w="38%" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.map((s) => <StaffRowView key={s.id} staff={s} />)}
          </Table.Tbody>
        </Table>
        <CreateStaff />
        <RenameDesk />
      </Stack>
    </Screen>
  )
}

function StaffRowView({ staff }: { staff: StaffRow }) {
  const { t } = useTranslation(['staff', 'app', 'shared'])
  const me = useSession((s) => s.session?.staff.id)
  const [busy, setBusy] = useState(false)
  const [resetting, setResetting] = useState(false)
  const [pin, setPin] = useState('')
  const pinSave = useSave({ fields: ['pin'] })

  /** A role or active change: its answer is a toast. */
  const update = async (patch: { active?: boolean; role?: Role }, message: string) => {
    setBusy(true)
    try {
      upsertApiRow('staff.list', {}, await call('staff.update', { id: staff.id, ...patch }))
      notifySuccess(message)
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }

  /** A new PIN: a problem shows at the PIN field. */
  const resetPin = async () => {
    const failed = await pinSave.save(async () => {
      await call('staff.update', { id: staff.id, pin })
      notifySuccess(t('pinReset', { name: staff.name }))
    })
    if (!failed) {
      setResetting(false)
      setPin('')
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
              {t('you')}
            </Text>
          )}
        </Text>
        <Badge color={staff.active ? 'green' : 'gray'} variant={staff.active ? 'filled' : 'outline'} mt={4}>
          {staff.active ? t('active') : t('inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t('shared:fields.role')}
          data-testid="staff-row-role"
          size="sm"
          value={staff.role}
          disabled={busy || staff.id === me}
          onChange={(e) => void update({ role: e.currentTarget.value as Role }, t('updated', { name: staff.name }))}
          data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
        />
      </Table.Td>
      <Table.Td>
        {resetting ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void resetPin()
            }}
          >
            <Group gap="xs" wrap="wrap" align="flex-start">
              <PinField
                size="sm"
                aria-label={t('newPin')}
                placeholder={t('newPin')}
                data-testid="staff-new-pin"
                value={pin}
                onChange={(e) => setPin(e.currentTarget.value)}
                error={pinSave.errors.pin ?? pinSave.formError}
                w={130}
                autoFocus
              />
              <Button size="sm" type="submit" loading={pinSave.busy} data-testid="staff-reset-pin-save">
                {t('app:common.save')}
              </Button>
              <Button size="sm" variant="subtle" onClick={() => setResetting(false)}>
                {t('app:common.cancel')}
              </Button>
            </Group>
          </form>
        ) : (
          <Group gap="xs" wrap="wrap">
            <Button size="sm" variant="default" onClick={() => setResetting(true)} data-testid="staff-reset-pin">
              {t('resetPin')}
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
                    t(staff.active ? 'deactivated' : 'reactivated', { name: staff.name })
                  )
                }
                data-testid="staff-toggle-active"
              >
                {staff.active ? t('deactivate') : t('reactivate')}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

function CreateStaff() {
  const { t } = useTranslation(['staff', 'app', 'shared'])
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('desk')
  const [pin, setPin] = useState('')
  const { errors, formError, busy, save } = useSave({ fields: ['name', 'role', 'pin'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const created = await call('staff.create', { name: name.trim(), role, pin })
      upsertApiRow('staff.list', {}, created)
      notifySuccess(t('created', { name: created.name }))
      setName('')
      setPin('')
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="staff-form">
        <Stack gap="sm">
          <Title order={4}>{t('add')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('shared:fields.name')} data-testid="staff-name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={LIMITS.name} />
            <NativeSelect
              label={t('shared:fields.role')}
              data-testid="staff-role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
              error={errors.role}
            />
            <PinField
              label={t('shared:fields.pin')}
              data-testid="staff-pin"
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
              error={errors.pin}
              description={t('app:auth.pinRule', { min: LIMITS.pin.min, max: LIMITS.pin.max })}
            />
          </SimpleGrid>
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="staff-save">
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** Names this desk, so "checked in at desk …" says something people recognise. */
function RenameDesk() {
  const { t } = useTranslation(['staff', 'app', 'shared'])
  const current = useSession((s) => s.session?.deskName ?? '')
  const updateSession = useSession((s) => s.update)
  const [name, setName] = useState(current)
  const { errors, formError, busy, save } = useSave({ fields: ['name'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const result = await call('desk.rename', { name })
      updateSession({ deskName: result.deskName })
      notifySuccess(t('deskRenamed', { name: result.deskName }))
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3}>{t('deskTitle')}</Title>
          <Group align="flex-end">
            <TextInput
              label={t('deskName')}
              description={t('deskHelp')}
              data-testid="desk-name"
              value={name}
              maxLength={60}
              error={errors.name ?? formError}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={busy} data-testid="desk-name-save">
              {t('deskSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
