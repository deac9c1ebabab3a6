// Shapes of the mentoring API (server/modules/mentorships/mentorships.api.ts), type-only.
export type {
  YoungSpecialistDto as YoungSpecialist,
  YoungSpecialistPageDto as YoungSpecialistPage,
  MentorSuggestionDto as MentorSuggestion,
  MentorCandidateDto as MentorCandidate,
  MentorshipDto as Mentorship,
  MentorshipDetailDto as MentorshipDetail,
  MentorshipMeetingDto as MentorshipMeeting,
  MentorDto as Mentor,
  MentoringProgrammeDto as MentoringProgramme,
  TeamMentorshipDto as TeamMentorship,
} from '../../../../server/modules/mentorships/mentorships.api';
