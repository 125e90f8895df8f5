import { Alert, Badge, Button, Group, MultiSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { VENDOR_CATEGORIES, type VendorCategory, type VendorRow } from '../../../../shared/contract/vendors'
import { LIMITS } from '../../../../shared/fields'
import { call, errorMessage } from '../../api/client'
import { upsertApiRow, useApi } from '../../api/query'
import { FormError } from '../../ui/FormError'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useSave } from '../../ui/useSave'

/** The vendor directory shared by every event: who they are, what they do, whether they may be asked. */
export function Directory() {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const list = useApi('vendor.list', {})
  return (
    <Stack gap="lg" maw={1100}>
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.data?.length === 0 && <Text c="dimmed">{t('directory.empty')}</Text>}
      {!!list.data?.length && (
        <Table withTableBorder striped layout="fixed" verticalSpacing="sm" data-testid="vendor-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('directory.company')}</Table.Th>
              <Table.Th w="32%">{t('directory.categories')}</Table.Th>
              <Table.Th w="22%">{t('directory.contactName')}</Table.Th>
              <Table.Th w={170} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((v) => (
              <VendorLine key={v.id} vendor={v} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AddVendor />
    </Stack>
  )
}

function VendorLine({ vendor }: { vendor: VendorRow }) {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [blocking, setBlocking] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const contact = vendor.contacts[0]

  const act = async (work: () => Promise<VendorRow>, message: string) => {
    setBusy(true)
    try {
      upsertApiRow('vendor.list', {}, await work())
      notifySuccess(message)
      setBlocking(false)
      setReason('')
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Table.Tr data-testid="vendor-row" data-status={vendor.status}>
      <Table.Td>
        <Text fw={600} className="ed-ellipsis" title={vendor.name}>
          {vendor.name}
        </Text>
        {vendor.status === 'blocked' && (
          <Badge color="red" mt={4} maw="100%" title={vendor.blockedReason ?? ''}>
            {t('shared:vendorStatus.blocked')}
          </Badge>
        )}
        {vendor.tags.length > 0 && (
          <Text size="xs" c="dimmed" className="ed-ellipsis">
            {vendor.tags.join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{vendor.categories.map((c) => t(`categories.${c}`)).join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="ed-ellipsis">
          {contact?.name ?? ''}
        </Text>
        <Text size="xs" c="dimmed" className="ed-ellipsis">
          {contact?.email ?? contact?.phone ?? ''}
        </Text>
      </Table.Td>
      <Table.Td>
        {vendor.status === 'blocked' ? (
          <Button size="xs" variant="light" color="green" loading={busy} onClick={() => void act(() => call('vendor.unblock', { id: vendor.id }), t('directory.unblocked', { name: vendor.name }))}>
            {t('directory.unblock')}
          </Button>
        ) : blocking ? (
          <Stack gap={4}>
            <TextInput size="xs" aria-label={t('directory.blockReason')} placeholder={t('directory.blockReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="vendor-block-reason" autoFocus />
            <Group gap={4}>
              <Button size="xs" color="red" loading={busy} onClick={() => void act(() => call('vendor.block', { id: vendor.id, reason }), t('directory.blocked', { name: vendor.name }))} data-testid="vendor-block-save">
                {t('directory.block')}
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setBlocking(false)}>
                {t('app:common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button size="xs" variant="outline" color="red" onClick={() => setBlocking(true)} data-testid="vendor-block">
            {t('directory.block')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

function AddVendor() {
  const { t } = useTranslation(['vendors', 'app', 'shared'])
  const [name, setName] = useState('')
  const [categories, setCategories] = useState<VendorCategory[]>([])
  const [contactName, setContactName] = useState('')
  const [email, setEmail] = useState('')
  const [phone, setPhone] = useState('')
  const [taxId, setTaxId] = useState('')
  const [website, setWebsite] = useState('')
  const [tags, setTags] = useState('')
  const { errors, formError, busy, save } = useSave({ fields: ['name', 'categories', 'contacts.0.name', 'contacts.0.email', 'contacts.0.phone', 'taxId', 'website', 'tags'] })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await save(async () => {
      const created = await call('vendor.create', {
        name,
        categories,
        contacts: contactName.trim() ? [{ name: contactName, email, phone }] : [],
        taxId,
        website,
        tags: tags.split(',').map((s) => s.trim()).filter(Boolean)
      })
      upsertApiRow('vendor.list', {}, created)
      notifySuccess(t('directory.created', { name: created.name }))
      for (const reset of [setName, setContactName, setEmail, setPhone, setTaxId, setWebsite, setTags]) reset('')
      setCategories([])
    })
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="vendor-form">
        <Stack gap="sm">
          <Title order={4}>{t('directory.add')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('directory.company')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} maxLength={LIMITS.name} data-testid="vendor-name" />
            <MultiSelect
              label={t('directory.categories')}
              data={VENDOR_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
              value={categories}
              onChange={(v) => setCategories(v as VendorCategory[])}
              error={errors.categories}
              data-testid="vendor-categories"
            />
            <TextInput label={t('directory.contactName')} value={contactName} onChange={(e) => setContactName(e.currentTarget.value)} error={errors['contacts.0.name']} />
            <TextInput label={t('directory.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors['contacts.0.email']} />
            <TextInput label={t('directory.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors['contacts.0.phone']} />
            <TextInput label={t('directory.taxId')} value={taxId} onChange={(e) => setTaxId(e.currentTarget.value)} error={errors.taxId} />
            <TextInput label={t('directory.website')} value={website} onChange={(e) => setWebsite(e.currentTarget.value)} error={errors.website} />
            <TextInput label={t('directory.tags')} description={t('directory.tagsHelp')} value={tags} onChange={(e) => setTags(e.currentTarget.value)} error={errors.tags} />
          </SimpleGrid>
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="vendor-save">
              {t('directory.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
