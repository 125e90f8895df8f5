/** Where backups go: folders (a USB stick, a NAS share) and S3 buckets; add, edit, remove, list the versions kept. */
import { Badge, Button, Group, Loader, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { v7 as uuidv7 } from 'uuid'
import type { BackupStatus, BackupTargetView } from '../../../../shared/contract/backup'
import { call, errorMessage } from '../../api/client'
import { useApi } from '../../api/query'
import { draftOf, emptyDraft, inputOf, TARGET_FIELDS, type TargetDraft } from '../../shared/fleet/targetDraft'
import { TargetFields } from '../../shared/fleet/TargetFields'
import { formatBytes, formatDateTime, formatRelative } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { notifyError } from '../../ui/notify'
import { useSave } from '../../ui/useSave'
import { keepStatus, useProblemText } from './BackupTab'

type Editing = { target: BackupTargetView | null; kind: TargetDraft['kind'] }

export function BackupTargets({ status }: { status: BackupStatus }) {
  const { t } = useTranslation(['desks', 'app'])
  const [editing, setEditing] = useState<Editing | null>(null)
  const [versionsOf, setVersionsOf] = useState<BackupTargetView | null>(null)
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3}>{t('targets.title')}</Title>
        {status.targets.length === 0 && <Text c="dimmed">{t('targets.none')}</Text>}
        {status.targets.map((target) => (
          <TargetRow key={target.id} target={target} onEdit={() => setEditing({ target, kind: target.kind })} onVersions={() => setVersionsOf(target)} />
        ))}
        <Group>
          <Button variant="default" onClick={() => setEditing({ target: null, kind: 'folder' })} data-testid="target-add-folder">
            {t('targets.addFolder')}
          </Button>
          <Button variant="default" onClick={() => setEditing({ target: null, kind: 's3' })} data-testid="target-add-s3">
            {t('targets.addS3')}
          </Button>
        </Group>
      </Stack>
      {editing && <TargetForm editing={editing} onClose={() => setEditing(null)} />}
      <Versions target={versionsOf} onClose={() => setVersionsOf(null)} />
    </Paper>
  )
}

function TargetRow({ target, onEdit, onVersions }: { target: BackupTargetView; onEdit: () => void; onVersions: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const problemText = useProblemText()
  const [confirming, setConfirming] = useState(false)
  const remove = async () => {
    try {
      keepStatus(await call('backup.removeTarget', { id: target.id }))
    } catch (err) {
      notifyError(err)
    }
  }
  return (
    <Paper withBorder p="sm" bg="gray.0" data-testid="target-row" data-where={target.where}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 380px', minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="light" style={{ flex: '0 0 auto' }}>
              {t(`app:target.${target.kind}`)}
            </Badge>
            <Text fw={700} className="ed-mono ed-ellipsis" title={target.where}>
              {target.where}
            </Text>
          </Group>
          <Text size="sm" data-testid="target-last-good">
            {target.lastGood ? t('targets.lastGood', { ago: formatRelative(target.lastGood.at), size: formatBytes(target.lastGood.bytes) }) : t('targets.noneHere')}
          </Text>
          {target.lastError && (
            <Text size="sm" c="red.8" className="ed-break" data-testid="target-error">
              {t('targets.failed', { count: target.failures, n: target.failures, ago: formatRelative(target.lastError.at), error: problemText(target.lastError) })}
            </Text>
          )}
          {target.nextAttemptAt && (
            <Text size="xs" c="dimmed">
              {t('backup.next', { when: formatRelative(target.nextAttemptAt) })}
            </Text>
          )}
        </Stack>
        {confirming ? (
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('targets.removeAsk')}
            </Text>
            <Button size="xs" color="red" onClick={() => void remove()} data-testid="target-remove-confirm">
              {t('targets.remove')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('app:common.cancel')}
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onVersions} data-testid="target-versions">
              {t('targets.versions')}
            </Button>
            <Button size="xs" variant="default" onClick={onEdit} data-testid="target-edit">
              {t('app:common.edit')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)} data-testid="target-remove">
              {t('targets.remove')}
            </Button>
          </Group>
        )}
      </Group>
    </Paper>
  )
}

function TargetForm({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const [id] = useState(() => editing.target?.id ?? uuidv7())
  const [draft, setDraft] = useState<TargetDraft>(() => (editing.target ? draftOf(editing.target) : emptyDraft(editing.kind)))
  const { errors, formError, busy, save } = useSave({ fields: TARGET_FIELDS, prefix: 'target' })
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const failed = await save(async () => keepStatus(await call('backup.saveTarget', { id, target: inputOf(draft) })))
    if (!failed) onClose()
  }
  const title = editing.target ? t('targets.edit') : t(editing.kind === 'folder' ? 'targets.addFolder' : 'targets.addS3')
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate data-testid="target-form">
        <Stack>
          <TargetFields
            draft={draft}
            onChange={setDraft}
            errors={errors}
            kindFixed
            editing={editing.target?.kind === 's3' ? { accessKeyId: editing.target.accessKeyId, secretSet: editing.target.secretSet } : null}
          />
          <FormError message={formError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app:common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="target-save">
              {t('app:common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function Versions({ target, onClose }: { target: BackupTargetView | null; onClose: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const versions = useApi('backup.versions', target ? { targetId: target.id } : null, { staleTime: 0 })
  return (
    <Modal opened={target !== null} onClose={onClose} title={t('targets.versionsTitle', { where: target?.where ?? '' })} size="xl">
      {versions.isPending && <Loader />}
      {versions.error && <Text c="red.8">{errorMessage(versions.error)}</Text>}
      {versions.data && versions.data.length === 0 && <Text c="dimmed">{t('targets.noneHere')}</Text>}
      {versions.data && versions.data.length > 0 && (
        <Table data-testid="versions-table" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">{t('targets.madeAt')}</Table.Th>
              <Table.Th>{t('targets.file')}</Table.Th>
              <Table.Th w="14%">{t('targets.size')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data.map((v) => (
              <Table.Tr key={v.name} data-testid="version-row">
                <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="ed-mono ed-break">
                    {v.name}
                  </Text>
                </Table.Td>
                <Table.Td>{formatBytes(v.bytes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  )
}
