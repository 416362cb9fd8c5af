import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.ts';

describe('createRedactor', () => {
  const redact = (text: string, words: string[] = []) => createRedactor(words).redact(text);

  it.each([
    ['Mail dana.ortiz@northwind.example today', 'Mail [EMAIL] today'],
    ['Call +1 (555) 123-4567 or 555-867-5309', 'Call [PHONE] or [PHONE]'],
    ['UK office +44 20 7946 0958, desk 020 7946 0958', 'UK office [PHONE], desk [PHONE]'],
    ['Clone https://deploy:hunter2@git.example.com/repo', 'Clone https://[SECRET]@git.example.com/repo'],
    ['password=Hunter2Secret! and api_key: abcdef123456', 'password=[SECRET] and api_key: [SECRET]'],
    ['OpenAI sk-proj-abcdefghijklmnop1234, GitHub ghp_abcdefghijklmnopqrstuvwxyz0123', 'OpenAI [SECRET], GitHub [SECRET]'],
    ['AWS AKIAIOSFODNN7EXAMPLE in the config', 'AWS [SECRET] in the config'],
    ['hex 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex [SECRET]'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'jwt [SECRET]'],
  ])('replaces personal data and secrets: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('replaces configured words as whole words, case-insensitively, longest first', () => {
    expect(redact('Project Falcon at NORTHWIND; Northwinds and falconry stay', ['Northwind', 'Project Falcon', 'Falcon'])).toBe('[REDACTED] at [REDACTED]; Northwinds and falconry stay');
  });

  it('leaves figures, dates and ids alone', () => {
    const text = 'Cut p95 from 850ms to 120ms (86%) on 2025-02-07, saved $1,250,000 and 99.95% uptime; win-2025-02-03-1 kr-3fa9c2 #1234 2025-W06';
    expect(redact(text)).toBe(text);
  });

  it('counts what it replaced', () => {
    const r = createRedactor(['Acme']);
    r.redact('a@b.io, c@d.io at Acme, call 555-123-4567');
    expect(r.counts).toEqual({ email: 2, phone: 1, secret: 0, word: 1 });
  });
});
