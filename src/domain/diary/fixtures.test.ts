import { describe, expect, it } from 'vitest';
import { generateIncidents, seededRandom } from './fixtures.js';
import { incidentSchema } from './incident.js';

describe('generateIncidents', () => {
  it('gives the same diary for the same n and seed, and another for another seed', () => {
    expect(generateIncidents(50, 7)).toEqual(generateIncidents(50, 7));
    expect(generateIncidents(50, 7)).not.toEqual(generateIncidents(50, 8));
    expect(generateIncidents(0, 1).incidents).toEqual([]);
  });

  it('makes valid incidents with unique ids', () => {
    const { incidents } = generateIncidents(500, 3);
    expect(new Set(incidents.map((e) => e.id)).size).toBe(500);
    for (const { value } of incidents) expect(incidentSchema.safeParse(value).success).toBe(true);
  });

  it('has a seeded generator that is uniform enough and repeatable', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(values);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
