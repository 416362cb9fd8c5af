import { describe, expect, it } from 'vitest';
import { createRedactor, people } from './redact.ts';

describe('createRedactor', () => {
  const redact = (text: string, words: string[] = []) => createRedactor(words).redact(text);

  it.each([
    // e-mail
    ['Mail dana.ortiz@northwind.example today', 'Mail [EMAIL] today'],
    // phones: North American, British, French, German, Japanese, toll-free
    ['Call +1 (555) 123-4567 or 555-867-5309', 'Call [PHONE] or [PHONE]'],
    ['UK office +44 20 7946 0958, desk 020 7946 0958', 'UK office [PHONE], desk [PHONE]'],
    ['Paris: +33 1 23 45 67 89 or 01 23 45 67 89', 'Paris: [PHONE] or [PHONE]'],
    ['Berlin 0049 30 1234567, locally (030) 1234567 or 030 1234567', 'Berlin [PHONE], locally [PHONE] or [PHONE]'],
    ['Tokyo +81-3-1234-5678.', 'Tokyo [PHONE].'],
    ['Support line 1-800-555-0199 (toll free)', 'Support line [PHONE] (toll free)'],
    ['Dial tel:+15551234567 or 07911123456', 'Dial [PHONE] or [PHONE]'],
    ['Reach me at +49 (0)30 1234 5678', 'Reach me at [PHONE]'],
    // credentials in URLs and webhooks
    ['Clone https://deploy:hunter2@git.example.com/repo', 'Clone https://[SECRET]@git.example.com/repo'],
    ['Hook https://hooks.slack.com/services/T0001/B0002/XXXXXXXXXXXXXXXX done', 'Hook [SECRET] done'],
    // key=value and prose secrets
    ['password=Hunter2Secret! and api_key: abcdef123456', 'password=[SECRET] and api_key: [SECRET]'],
    ['AZURE AccountKey=abc123def456ghi789; secret_key: s3cr3tvalue', 'AZURE AccountKey=[SECRET]; secret_key: [SECRET]'],
    ['the password is hunter2 for now', 'the password is [SECRET] for now'],
    ['VPN passphrase for staging was "Tr0ub4dor&3".', 'VPN passphrase for staging was [SECRET].'],
    ['the door PIN is 4821', 'the door PIN is [SECRET]'],
    ['curl -H "Authorization: Bearer abc.def-ghi_jkl~mno123"', 'curl -H "Authorization: Bearer [SECRET]"'],
    // provider tokens
    ['OpenAI sk-proj-abcdefghijklmnop1234, GitHub ghp_abcdefghijklmnopqrstuvwxyz0123', 'OpenAI [SECRET], GitHub [SECRET]'],
    ['Stripe sk_live_51H8abcdefGHIJKLmnop and rk_test_4eC39HqLyjWDarjtT1zdp7dc', 'Stripe [SECRET] and [SECRET]'],
    ['GitLab glpat-xXxX1234yYyY5678zZzZ, HF hf_abcdefghijklmnopqrstuvwxyzABCD', 'GitLab [SECRET], HF [SECRET]'],
    ['npm npm_abcdefghijklmnopqrstuvwxyz0123456789 pypi pypi-AgEIcHlwaS5vcmcCJGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3ODkw', 'npm [SECRET] pypi [SECRET]'],
    ['AWS AKIAIOSFODNN7EXAMPLE in the config', 'AWS [SECRET] in the config'],
    ['Slack xoxb-1234567890-abcdefghij and xapp-1-A0123-456789-abcdef', 'Slack [SECRET] and [SECRET]'],
    ['SendGrid SG.abcdefghijklmnopqr.stuvwxyzABCDEFGHIJ', 'SendGrid [SECRET]'],
    ['Google ya29.a0AfH6SMBabcdefghijklmnop', 'Google [SECRET]'],
    ['hex 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex [SECRET]'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'jwt [SECRET]'],
  ])('replaces personal data and secrets: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'Cut p95 from 850ms to 120ms (86%) on 2025-02-07, saved $1,250,000 and 99.95% uptime',
    'Latency 850ms → 120ms; throughput +35% week over week, error rate -0.4 pp',
    'win-2025-02-03-1 kr-3fa9c2 #1234 2025-W06 2025-Q1 FY2026',
    'Upgraded Node 20.11.1 to 24.0.0, Postgres 15.4 → 16.2, release v3.11.4 and 1.800.5',
    'Sprint 2025-03-03 to 2025-03-14, 10:30-11:45 standup, 2020-2025 roadmap',
    'Revenue €1 234 567 and 1,234,567 USD; 12 345 678 rows; order #100234567',
    'Ticket JIRA-1234-5678 and PR 4521; 3 of 5 points; 555 users',
    'The password policy is enforced and the token bucket holds 100 requests',
    'Saved (30) 1000 users a day; +12 new hires; ISBN 978-3-16-148410-0',
    'Meetings 2025-02-07 09:00–10:00, 4 h 30 min, 1:1 with the team',
  ])('leaves figures, dates, versions and ids alone: %s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('replaces configured words as whole words, case-insensitively, longest first', () => {
    expect(redact('Project Falcon at NORTHWIND; Northwinds and falconry stay', ['Northwind', 'Project Falcon', 'Falcon'])).toBe('[REDACTED] at [REDACTED]; Northwinds and falconry stay');
  });

  it('counts what it replaced', () => {
    const r = createRedactor(['Acme'], people({ me: 'Nadia Brandt', partners: [], owners: [] }));
    r.redact('a@b.io, c@d.io at Acme, call 555-123-4567, says Nadia');
    expect(r.counts).toEqual({ email: 2, phone: 1, secret: 0, name: 1, word: 1 });
  });
});

describe('people', () => {
  const known = people({ me: 'Nadia Brandt', manager: 'Tomás Herrera', partners: ['Tomás Herrera', 'Ingrid Solberg', 'Jean-Luc Picard'], owners: ['me', 'tomas', 'dana', 'Ingrid'] });
  const redact = (text: string) => createRedactor([], known).redact(text);

  it('gives each person one stable placeholder: the person, the manager, then the others alphabetically', () => {
    expect(known.map((p) => [p.name, p.placeholder])).toEqual([
      ['Nadia Brandt', '[ME]'], ['Tomás Herrera', '[MANAGER]'], ['Ingrid Solberg', '[PERSON-B]'], ['Jean-Luc Picard', '[PERSON-C]'], ['dana', '[PERSON-A]'],
    ]);
    // The same people in another order get the same placeholders.
    const again = people({ me: 'Nadia Brandt', manager: 'Tomás Herrera', partners: ['Jean-Luc Picard', 'Ingrid Solberg'], owners: ['dana', 'Ingrid', 'tomas'] });
    expect(new Map(again.map((p) => [p.name, p.placeholder]))).toEqual(new Map(known.map((p) => [p.name, p.placeholder])));
  });

  it.each([
    ['Nadia Brandt led the review; Nadia wrote it', '[ME] led the review; [ME] wrote it'],
    ['1:1 with Tomás Herrera, then TOMAS HERRERA again; Tomas agreed, Herrera too', '1:1 with [MANAGER], then [MANAGER] again; [MANAGER] agreed, [MANAGER] too'],
    ['- [ ] Draft the plan @tomas due:2026-03-01 and @Ingrid; @me reviews', '- [ ] Draft the plan @[MANAGER] due:2026-03-01 and @[PERSON-B]; @me reviews'],
    ['Asked Dana and @dana; Jean-Luc and Picard agreed with Ingrid’s idea', 'Asked [PERSON-A] and @[PERSON-A]; [PERSON-C] and [PERSON-C] agreed with [PERSON-B]’s idea'],
    ['mail tomas.herrera@larkspur.example', 'mail [EMAIL]'],
  ])('redacts names, handles and their parts: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'Brandtner and Nadias stay, as do tomorrow, dana-point and the branding work',
    'The ingrid layout and herrera.js are not names written as names',
  ])('leaves other words alone: %s', (text) => {
    expect(redact(text)).toBe(text);
  });
});
