/**
 * THE list of domain modules: the one place the app is composed. Adding a
 * domain is one folder under src/main plus one line here (and its contract
 * slice in src/shared/contract/index.ts, its screens in the renderer's list).
 * Order matters only for derived tables: each is rebuilt after those of the
 * modules before it.
 */
import { attendeesModule } from './attendees/module'
import { auditModule } from './audit/module'
import { backupModule } from './backup/module'
import { badgesModule } from './badges/module'
import { boothModule } from './booth/module'
import { checkinModule } from './checkin/module'
import { conflictsModule } from './conflicts/module'
import { contractsModule } from './contracts/module'
import { crmModule } from './crm/module'
import { deskModule } from './desk/module'
import { eventsModule } from './events/module'
import { pipelineModule } from './pipeline/module'
import { procurementModule } from './procurement/module'
import { salesteamModule } from './salesteam/module'
import { staffModule } from './staff/module'
import { syncModule } from './sync/module'
import { vendorsModule } from './vendors/module'

export const modules = [
  deskModule,
  staffModule,
  auditModule,
  eventsModule,
  attendeesModule,
  checkinModule,
  vendorsModule,
  contractsModule,
  procurementModule,
  conflictsModule,
  syncModule,
  backupModule,
  badgesModule,
  salesteamModule,
  crmModule,
  pipelineModule,
  boothModule
] as const
