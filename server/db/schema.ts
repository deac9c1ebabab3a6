// Every table of the product, for drizzle's typed queries and for drizzle-kit.
export * from '../modules/territories/territories.schema.js';
export * from '../modules/organizations/organizations.schema.js';
export * from '../modules/staff/staff.schema.js';
export * from '../modules/auth/auth.schema.js';
export * from '../modules/audit/audit.schema.js';
export * from '../modules/imports/imports.schema.js';
export * from '../modules/files/files.schema.js';
export * from '../modules/roadmaps/roadmaps.schema.js';
export * from '../modules/competencies/competencies.schema.js';
export * from '../modules/assessments/assessments.schema.js';
export * from '../modules/programs/programs.schema.js';
export * from '../modules/learning-plans/learning-plans.schema.js';
export * from '../modules/practices/practices.schema.js';
export * from '../modules/registries/registries.schema.js';
export * from '../modules/documents/documents.schema.js';
export * from '../modules/staffing/staffing.schema.js';
export * from '../modules/mentorships/mentorships.schema.js';
