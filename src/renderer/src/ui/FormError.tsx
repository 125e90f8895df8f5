import { Alert, Text } from '@mantine/core'

/** A form's own error line, inside the form next to its buttons (see useSave). */
export function FormError({ message, testId = 'form-error' }: { message: string | null; testId?: string }) {
  if (!message) return null
  return (
    <Alert color="red" role="alert" data-testid={testId} py="xs">
      <Text className="ed-break">{message}</Text>
    </Alert>
  )
}
