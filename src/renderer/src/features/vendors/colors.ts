import type { ContractStatus } from '../../../../shared/contract/contracts'
import type { InviteStatus, RfqStatus } from '../../../../shared/contract/procurement'

export const RFQ_COLOR: Record<RfqStatus, string> = { draft: 'gray', sent: 'blue', closed: 'green', cancelled: 'red' }
export const INVITE_COLOR: Record<InviteStatus, string> = { pending: 'gray', received: 'blue', declined: 'orange' }
export const CONTRACT_COLOR: Record<ContractStatus, string> = { draft: 'gray', sent: 'blue', signed: 'teal', active: 'green', completed: 'dark', cancelled: 'red' }
