import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DailyLogMeta, EDITOR_SCHEMAS, JournalConfig, renderJsonSchema } from './schema.ts';

describe('editor JSON Schemas', () => {
  it.each(Object.keys(EDITOR_SCHEMAS))('schemas/%s is up to date (npm run schemas)', (name) => {
    const committed = JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
    expect(committed).toEqual(renderJsonSchema(EDITOR_SCHEMAS[name as keyof typeof EDITOR_SCHEMAS]));
  });

  it('describe the front matter a user writes', () => {
    const schema = renderJsonSchema(DailyLogMeta) as { properties: Record<string, { description: string; anyOf: { type?: string; minimum?: number; maximum?: number; pattern?: string }[] }> };
    expect(schema.properties.energy).toMatchObject({ description: 'an integer 1–5', anyOf: [{ type: 'integer', minimum: 1, maximum: 5 }, { type: 'null' }] });
    const date = new RegExp(schema.properties.date.anyOf[0].pattern!);
    expect(['2025-03-04', '2025-03-04T09:30:00', '2025-03-04 09:30'].map((d) => date.test(d))).toEqual([true, true, true]);
    expect(date.test('04/03/2025')).toBe(false);
  });
});

describe('JournalConfig', () => {
  it('fills every default from an empty journal.yml', () => {
    expect(JournalConfig.parse({})).toMatchObject({
      work_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      year_start: '01-01',
      scoring: { weights: { delivery: 30, focus: 20, alignment: 20, consistency: 15, wellbeing: 15 }, thresholds: { green: 70, yellow: 50 }, targets: { wins_per_day: 2, deep_work_ratio: 0.5 } },
      llm: { api_key_env: 'OPENAI_API_KEY', max_input_tokens: 12000 },
      redact: [],
    });
  });
  it('fills defaults inside a partly written section', () => {
    expect(JournalConfig.parse({ scoring: { weights: { delivery: 50 } } }).scoring.weights).toEqual({ delivery: 50, focus: 20, alignment: 20, consistency: 15, wellbeing: 15 });
  });

  it('describe every key, allow a blank one, and report unknown ones, as check does', () => {
    for (const [name, zod] of Object.entries(EDITOR_SCHEMAS)) {
      const undescribed: string[] = [];
      const visit = (node: unknown, path: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const n = node as { type?: string; properties?: Record<string, { description?: string; anyOf?: unknown[] }>; additionalProperties?: unknown; items?: unknown; anyOf?: unknown[] };
        if (n.properties) {
          expect(n.additionalProperties, `${name} ${path}`).toBe(false);
          for (const [key, property] of Object.entries(n.properties)) {
            if (!property.description) undescribed.push(`${path}.${key}`);
            if (property.anyOf) expect(property.anyOf, `${name} ${path}.${key}`).toContainEqual({ type: 'null' });
            visit(property, `${path}.${key}`);
          }
        }
        for (const child of [n.items, ...(n.anyOf ?? [])]) visit(child, path);
      };
      visit(renderJsonSchema(zod as never), name);
      expect(undescribed, name).toEqual([]);
    }
  });
});
