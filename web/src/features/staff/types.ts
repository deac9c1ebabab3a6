// Types of the staff API, taken from the server's own response schemas (type-only: nothing of the
// server reaches the bundle) and from the shared input rules in common/.
import type { z } from 'zod';
import type { positionInputSchema, staffCreateSchema } from '../../../../common/staff-schemas';

export type { StaffListItemDto as StaffListItem, StaffDetailDto as StaffDetail, StaffPositionDto as Position } from '../../../../server/modules/staff/staff.api';

export type PositionInput = z.input<typeof positionInputSchema>;

/** What the create and edit forms send (the edit adds `version`). */
export type StaffInput = z.input<typeof staffCreateSchema>;
