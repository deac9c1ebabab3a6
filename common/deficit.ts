/** A deficit: a score under the threshold of the procedure that measured it (ADR 0010). The SQL
 *  form of the same rule is `deficitSql` in the assessments service. */
export const isDeficit = (score: number, threshold: number) => score < threshold;
