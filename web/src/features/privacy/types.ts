// Shapes of the privacy API (server/modules/privacy/privacy.api.ts), as the UI reads them.
export type { PrivacyCardDto as PrivacyCard, DestructionActDto as DestructionAct, DestructionActListDto as DestructionActList, PersonalDataAccessDto as PersonalDataAccess } from '../../../../server/modules/privacy/privacy.api';
