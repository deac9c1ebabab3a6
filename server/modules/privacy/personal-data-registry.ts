// Every store of personal data, declared once (152-ФЗ, ADR 0023). The subject export and, later,
// blocking and destruction walk this registry; a test compares it with the live database schema
// and fails on a table or a personal-looking column nobody declared (as Moodle's privacy API does).

/** How a table's rows belong to a person: through the staff card or through the account. */
export type SubjectLink = { column: string; via: 'staff' | 'user' };

export interface PersonalDataStore {
  /** What the table holds about people, in the words of the processing register. */
  purpose: string;
  /** Rows that are about the person (their card, results, plans…). */
  subject?: SubjectLink[];
  /** Columns that hold personal data themselves: shown in the export, erased at destruction. */
  personal: string[];
  /** Columns that point at a person acting (author, approver…): kept, made anonymous by erasing
   *  the person they point to. */
  references?: string[];
  /** Columns whose names look personal but are not (e.g. `approved_by`: the approving act). */
  notPersonal?: string[];
}

/** Tables with nothing personal, each with the reason. */
export const noPersonalData: Record<string, string> = {
  territories: 'справочник территорий',
  organizations: 'организации (юридические лица)',
  labour_functions: 'справочник профессионального стандарта',
  competency_groups: 'справочник компетенций',
  competencies: 'справочник компетенций',
  assessment_competencies: 'пороги дефицита диагностики',
  cohorts: 'курсовые группы',
  program_competencies: 'связь программ и компетенций',
  roadmap_sections: 'разделы дорожных карт',
  activity_executors: 'исполнители мероприятий (организации и должности)',
  learning_plan_item_files: 'связь мероприятий ИОМ и файлов (файлы — в stored_files)',
  progress_report_files: 'связь отчётов и файлов (файлы — в stored_files)',
  practice_files: 'связь практик и файлов (файлы — в stored_files)',
  innovation_sites: 'реестр инновационных и стажировочных площадок (организации)',
  educational_resources: 'навигатор образовательных ресурсов (ссылки)',
  contest_stages: 'этапы конкурсов',
  community_plans: 'планы работы сообществ',
  data_forms: 'формы сбора мониторинга (поля и правила проверки)',
  monitoring_assignments: 'организации, назначенные в мониторинг, и сроки',
  indicator_org_nodes: 'сводки показателей: к каким узлам относится организация',
  indicator_org_periods: 'сводки показателей по организациям и годам (счётчики)',
  indicator_rollups: 'сводки показателей по узлам и годам (счётчики, без людей)',
  indicator_rollup_state: 'состояние пересчёта сводок показателей',
};

export const personalDataStores: Record<string, PersonalDataStore> = {
  staff: {
    purpose: 'Карточка работника: ФИО, дата рождения, пол, контакты, СНИЛС, стаж, категория',
    subject: [{ column: 'id', via: 'staff' }],
    personal: ['surname', 'name', 'patronymic', 'birth_date', 'sex', 'email', 'phone', 'snils', 'profession_start_year', 'qualification_category'],
  },
  staff_positions: {
    purpose: 'Места работы и должности, преподаваемые предметы, соответствие образования',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['title', 'subjects', 'start_date', 'end_date', 'education_matches_subject'],
  },
  users: {
    purpose: 'Учётная запись: логин, имя для отображения, хеш пароля',
    subject: [{ column: 'id', via: 'user' }, { column: 'staff_id', via: 'staff' }],
    personal: ['login', 'display_name', 'password_hash'],
  },
  role_assignments: { purpose: 'Роли учётной записи', subject: [{ column: 'user_id', via: 'user' }], personal: ['role'] },
  sessions: { purpose: 'Сеансы входа: адрес и браузер', subject: [{ column: 'user_id', via: 'user' }], personal: ['ip', 'user_agent'] },
  tutor_assignments: {
    purpose: 'Закрепление тьютора за работником',
    subject: [{ column: 'staff_id', via: 'staff' }, { column: 'tutor_user_id', via: 'user' }],
    personal: [],
  },
  audit_log: {
    purpose: 'Журнал аудита: кто, когда, с какого адреса, что изменил или просмотрел',
    subject: [{ column: 'user_id', via: 'user' }],
    personal: ['login', 'ip', 'before', 'after'],
  },
  import_batches: {
    purpose: 'Загрузки из Excel: строки файла до сохранения (удаляются после сохранения)',
    subject: [{ column: 'user_id', via: 'user' }],
    personal: ['file_name', 'rows', 'errors'],
  },
  stored_files: {
    purpose: 'Файлы, приложенные к записям (удостоверения, отчёты, протоколы)',
    subject: [{ column: 'uploaded_by', via: 'user' }],
    personal: ['name', 'content'],
  },
  assessment_participants: {
    purpose: 'Участники диагностик',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: [],
    references: ['added_by'],
  },
  assessment_results: {
    purpose: 'Результаты диагностик по компетенциям',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['score', 'measured_on'],
    references: ['entered_by'],
  },
  enrollments: {
    purpose: 'Обучение по программам ДПО, удостоверения',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['external_title', 'external_provider', 'status_note', 'certificate_number', 'certificate_date'],
    references: ['requested_by', 'decided_by', 'certificate_file_id'],
  },
  learning_plans: {
    purpose: 'Индивидуальные образовательные маршруты и дефициты',
    subject: [{ column: 'staff_id', via: 'staff' }, { column: 'tutor_user_id', via: 'user' }],
    personal: ['deficits', 'reopen_reason'],
    references: ['completed_by', 'reopened_by', 'created_by'],
  },
  learning_plan_items: {
    purpose: 'Мероприятия ИОМ и отчёты о них',
    subject: [{ column: 'mentor_staff_id', via: 'staff' }],
    personal: ['report_text', 'review_comment'],
    references: ['reported_by', 'reviewed_by'],
  },
  progress_reports: {
    purpose: 'Отчёты об исполнении мероприятий дорожных карт: автор',
    subject: [{ column: 'author_user_id', via: 'user' }],
    personal: ['author_name'],
  },
  activity_occurrences: { purpose: 'Сроки мероприятий: кто менял статус', personal: [], references: ['status_changed_by'] },
  assessments: { purpose: 'Диагностики: автор', personal: [], references: ['created_by'] },
  programs: { purpose: 'Программы ДПО: автор записи', personal: [], references: ['created_by'] },
  competency_catalog_revisions: { purpose: 'Редакции справочника компетенций: автор', personal: [], references: ['created_by'] },
  roadmaps: { purpose: 'Дорожные карты: автор', personal: [], references: ['created_by'], notPersonal: ['approved_by'] },
  roadmap_revisions: { purpose: 'Редакции дорожных карт: автор', personal: [], references: ['created_by'], notPersonal: ['approved_by'] },
  practices: {
    purpose: 'Банк практик: кто подал практику',
    personal: [],
    references: ['submitted_by'],
  },
  practice_authors: {
    purpose: 'Авторы практик: ФИО и организация (публикуются в открытом каталоге)',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['full_name', 'organization_name'],
  },
  practice_experts: { purpose: 'Эксперты, назначенные на практику', subject: [{ column: 'expert_user_id', via: 'user' }], personal: [], references: ['assigned_by'] },
  practice_reviews: {
    purpose: 'Экспертные оценки практик',
    subject: [{ column: 'expert_user_id', via: 'user' }],
    personal: ['expert_name', 'scores', 'comment'],
  },
  practice_history: { purpose: 'История рассмотрения практики: кто действовал', personal: ['actor_name'] },
  practice_disseminations: { purpose: 'Распространение практик', personal: [], references: ['created_by'] },
  documents: { purpose: 'Документы: автор записи', personal: [], references: ['created_by'] },
  document_activity_links: { purpose: 'Документы как подтверждение мероприятий: кто связал', personal: [], references: ['created_by'] },
  document_organization_links: { purpose: 'Документы организаций: кто связал', personal: [], references: ['created_by'] },
  document_parties: { purpose: 'Стороны соглашений (организации; подписант — по должности)', personal: [], notPersonal: ['name'] },
  document_status_changes: { purpose: 'История статусов документа: кто менял', personal: [], references: ['changed_by'] },
  staff_education: {
    purpose: 'Образование работника: уровень, учебное заведение, специальность, квалификация, год окончания',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['level', 'institution', 'specialty', 'qualification', 'graduation_year'],
  },
  vacancies: { purpose: 'Вакансии организаций: автор записи', personal: [], references: ['created_by'] },
  mentorships: {
    purpose: 'Наставнические пары: наставник и наставляемый, план, итоги',
    subject: [{ column: 'mentor_staff_id', via: 'staff' }, { column: 'mentee_staff_id', via: 'staff' }],
    personal: ['plan', 'outcomes', 'suggestion_reason', 'cancel_reason'],
    references: ['created_by', 'confirmed_by'],
  },
  mentorship_meetings: { purpose: 'Журнал встреч наставнических пар', personal: ['topic', 'notes'], references: ['created_by'] },
  mentor_capacities: { purpose: 'Сколько наставляемых готов вести наставник', subject: [{ column: 'staff_id', via: 'staff' }], personal: ['capacity'], references: ['updated_by'] },
  mentoring_programmes: { purpose: 'Программы наставничества организаций: куратор', subject: [{ column: 'curator_staff_id', via: 'staff' }], personal: [], references: ['created_by'] },
  mentoring_programme_documents: { purpose: 'Документы программ наставничества', personal: [], references: ['uploaded_by'] },
  team_mentorships: { purpose: 'Менторство команд: состав команды школы-наставника', personal: ['mentor_team_staff_ids'], references: ['created_by'] },
  events: { purpose: 'Мероприятия календаря: кто создал', personal: [], references: ['created_by'] },
  event_registrations: {
    purpose: 'Регистрация на мероприятия и посещение',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['status', 'registered_at', 'attended'],
    references: ['registered_by'],
  },
  event_reports: { purpose: 'Отчёты о проведении мероприятий (фото участников)', personal: ['photo_file_ids'], references: ['filed_by'] },
  event_calendars: { purpose: 'Годовые календари: кто утвердил', personal: [], references: ['approved_by'] },
  event_feeds: { purpose: 'Личные адреса подписки на календарь', subject: [{ column: 'user_id', via: 'user' }], personal: ['token_hash', 'last_used_at'] },
  communities: { purpose: 'Сообщества: кто создал', personal: [], references: ['created_by'], notPersonal: ['name'] },
  community_members: { purpose: 'Участники сообществ', subject: [{ column: 'staff_id', via: 'staff' }], personal: ['role', 'joined_on', 'left_on'] },
  community_meetings: { purpose: 'Заседания сообществ и протоколы', personal: ['protocol_file_ids'], references: ['created_by'] },
  community_meeting_participants: { purpose: 'Присутствие участников на заседаниях', subject: [{ column: 'staff_id', via: 'staff' }], personal: [] },
  contests: { purpose: 'Конкурсы: кто создал', personal: [], references: ['created_by'] },
  contest_entries: {
    purpose: 'Участники конкурсов, баллы и места',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['score', 'place', 'result'],
    references: ['created_by'],
  },
  monitoring_campaigns: { purpose: 'Кампании мониторинга: автор записи', personal: [], references: ['created_by'] },
  monitoring_submissions: { purpose: 'Данные организаций в мониторинге (сводные, без сведений о людях): кто сохранил', personal: [], references: ['updated_by'] },
  monitoring_submission_events: { purpose: 'История приёмки данных мониторинга: кто действовал', personal: [], references: ['actor_user_id'] },
  monitoring_reminders: { purpose: 'Напоминания организациям о мониторинге: кто напомнил', personal: [], references: ['sent_by'] },
  recommendations: { purpose: 'Адресные рекомендации: кто выдал, ответил, принял', personal: [], references: ['created_by', 'responded_by', 'decided_by'] },
  indicator_definitions: { purpose: 'Паспорта показателей эффективности: кто утвердил', personal: [], references: ['created_by'], notPersonal: ['name'] },
  indicator_targets: { purpose: 'Целевые значения показателей: кто установил', personal: [], references: ['set_by'] },
  indicator_entered_values: { purpose: 'Вводимые значения показателей: кто внёс', personal: [], references: ['entered_by'] },
  indicator_person_nodes: { purpose: 'Сводки показателей: в каких организациях и территориях учитывается работник', subject: [{ column: 'staff_id', via: 'staff' }], personal: ['all_nodes', 'ped_nodes', 'mgr_nodes'] },
  indicator_person_periods: {
    purpose: 'Сводки показателей: отметки работника по годам (диагностика, ИОМ, курсы, молодой специалист, сопровождение)',
    subject: [{ column: 'staff_id', via: 'staff' }],
    personal: ['diagnosed', 'plan_on_diagnostic', 'federal_new', 'managers_quality', 'young', 'young_supported', 'courses_completed'],
  },
  roadmap_activities: {
    purpose: 'Мероприятия дорожных карт: ответственные, как их назвал документ',
    personal: ['responsible_text', 'co_executors_text'],
  },
};

/** Column names that look personal: each must be declared where it occurs. */
export const personalLooking =
  /^(surname|patronymic|name|full_name|display_name|birth_date|sex|email|phone|snils|login|ip|user_agent|password_hash|author_name|.*_by|.*user_id|.*staff_id|uploaded_by)$/;
