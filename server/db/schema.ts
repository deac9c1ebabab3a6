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
export * from '../modules/events/events.schema.js';
export * from '../modules/contests/contests.schema.js';
export * from '../modules/communities/communities.schema.js';
