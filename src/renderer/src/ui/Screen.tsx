import { Box, Group, Stack, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** A screen's title row (with optional actions) and its scrolling content. */
export function Screen({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Stack gap="md" h="100%" style={{ minHeight: 0 }} data-testid={testId}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2}>{title}</Title>
        {actions}
      </Group>
      <Box style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} pr={4} pb="xl">
        {children}
      </Box>
    </Stack>
  )
}
