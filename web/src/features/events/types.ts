// Shapes of the events, contests and communities API, taken from the server's response schemas.
export type {
  EventListItemDto as EventListItem,
  EventDto as EventDetail,
  EventRegistrationDto as EventRegistration,
  EventFeedDto as EventFeed,
  NewEventFeedDto as NewEventFeed,
  EventCalendarDto as EventCalendar,
  EventCalendarDetailDto as EventCalendarDetail,
} from '../../../../server/modules/events/events.api';
export type { ContestListItemDto as ContestListItem, ContestDto as Contest, ContestEntryListDto as ContestEntryList } from '../../../../server/modules/contests/contests.api';
