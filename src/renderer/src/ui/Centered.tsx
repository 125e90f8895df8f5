import { Center, Paper } from '@mantine/core'
import type { ReactNode } from 'react'

/** A card in the middle of the window: sign-in, first run, fatal errors. */
export function Centered({ children, width = 460 }: { children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" radius="lg" p="xl" w={width} maw="100%">
        {children}
      </Paper>
    </Center>
  )
}
