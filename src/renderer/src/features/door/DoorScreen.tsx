import type { EventScreenProps } from '../../router/feature'
import { ListsManager } from './ListsManager'
import { ScanOnList } from './ScanOnList'

export default function DoorScreen({ eventId, route }: EventScreenProps) {
  return route === 'lists' ? <ListsManager eventId={eventId} /> : <ScanOnList eventId={eventId} />
}
