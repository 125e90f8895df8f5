export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface FieldIssue {
  path: string
  message: string
}

/** The error shape every transport carries (HTTP body, IPC rejection). */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[]
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } }
  }

  static fromBody(body: unknown, fallbackMessage: string): ApiError {
    const err = (body as Partial<ApiErrorBody> | null)?.error
    if (err && typeof err.code === 'string' && err.code in ERROR_STATUS) {
      return new ApiError(err.code, err.message ?? fallbackMessage, err.issues)
    }
    return new ApiError('internal', fallbackMessage)
  }
}
