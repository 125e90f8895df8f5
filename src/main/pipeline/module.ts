/** The pipeline: opportunities, the board with its column totals, the forecast against quotas. */
import { pipelineContract } from '../../shared/contract/pipeline'
import { defineModule, mutation, query, sessionOf } from '../core/module'
import { board, forecast, getOpportunity } from './queries'
import { opportunities } from './schema'
import { assertMayWork, createOpportunity, moveOpportunity, opportunityFromLead, ownOnly, updateOpportunity } from './service'

export const pipelineModule = defineModule(pipelineContract, {
  name: 'pipeline',
  tables: [{ table: opportunities, kind: 'lww', scope: 'sales', describe: 'SELECT name AS subject, currency FROM opportunities WHERE id = ?' }],
  handlers: {
    'pipeline.board': query(({ limit, ...filter }, ctx) => board(ctx.read, { ...filter, ownerId: ownOnly(sessionOf(ctx)) ?? filter.ownerId }, limit)),
    'pipeline.forecast': query(({ from, to, ...filter }, ctx) =>
      forecast(ctx.read, { ...filter, ownerId: ownOnly(sessionOf(ctx)) ?? filter.ownerId }, from, to)
    ),
    'opportunity.get': query((input, ctx) => {
      assertMayWork(ctx.read, sessionOf(ctx), input.id)
      return getOpportunity(ctx.read, input.id)
    }),
    'opportunity.create': mutation(({ id, ...input }, ctx) => getOpportunity(ctx.read, createOpportunity(ctx.read, ctx.write, sessionOf(ctx), input, id))),
    'opportunity.update': mutation((input, ctx) => {
      updateOpportunity(ctx.read, ctx.write, sessionOf(ctx), input.id, input.opportunity)
      return getOpportunity(ctx.read, input.id)
    }),
    'opportunity.move': mutation((input, ctx) => {
      moveOpportunity(ctx.read, ctx.write, sessionOf(ctx), input.id, input.stage, input.lostReason)
      return getOpportunity(ctx.read, input.id)
    }),
    'opportunity.fromLead': mutation(({ id, ...input }, ctx) => getOpportunity(ctx.read, opportunityFromLead(ctx.read, ctx.write, sessionOf(ctx), input, id)))
  }
})
