// Deterministic synthetic journal for tests and benchmarks, in the v1 journal format.
//   node scripts/generate-journal.ts --years 10 --seed 42 --out /tmp/journal [--start 2020-01-06]
// The same options always produce byte-identical files: all randomness comes from one seeded
// PRNG and no clock is read. Content comes from small banks so text varies without being real;
// about 1% of daily logs are `private: true` so privacy paths get exercised at scale too.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

export type GenerateOptions = { years: number; seed: number; start?: string };
type Rng = () => number;
type KeyResult = { id: string; title: string; start: number; target: number; unit: string };
type Objective = { id: string; title: string; krs: KeyResult[] };

const DEFAULT_START = "2024-01-01";
const PROJECTS = ["search-api", "billing", "ingest", "mobile-sync", "auth", "reporting", "data-platform"];
const TAGS = ["perf", "reliability", "security", "review", "mentoring", "oncall", "cost", "docs", "testing"];
const OPENERS = ["Shipped", "Finished", "Rolled out", "Landed", "Refactored", "Fixed", "Automated", "Documented"];
const THINGS = ["the retry logic in the {p} client", "pagination for the {p} endpoints", "the {p} deploy pipeline",
  "a flaky integration test in {p}", "the {p} cache warm-up", "connection pooling for {p}", "the {p} runbook",
  "the schema migration for {p}", "alerting thresholds for {p}", "the {p} onboarding guide"];
const GOALS = ["Review open PRs before standup", "Pair on the {p} bug", "Write up the {p} design options",
  "Finish the {p} migration script", "Prepare the sprint demo", "Clear the on-call ticket queue"];
const BLOCKERS = ["Waiting on another team's review for {p}", "Staging for {p} is down again",
  "Access request for {p} still pending", "Too many meetings to get deep work done"];
const LEARNINGS = ["Reading the query plan beats guessing at indexes", "Small PRs get reviewed the same day",
  "Write the rollback plan before the rollout plan", "Measure before caching anything"];
const FEEDBACK = ["Your design docs are clear and easy to review", "Bring risks up earlier, in writing",
  "Great job running the incident call", "Delegate more of the routine reviews", "Your demos are well prepared"];
const ACTIONS = ["Draft the {p} design doc", "Share the {p} rollout plan", "Book a review for {p}",
  "Write the {p} postmortem", "Pair with the new hire on {p}", "Update the {p} runbook"];
const CHECKIN_NOTES = ["Steady progress", "Slower than planned after the {p} incident", "Picked up once {p} shipped",
  "Blocked on another team for {p}", "Measured on the new dashboard"];
const OVERRIDES = ["On call all week; otherwise strong", "Short week with a conference", "Sick two days"];
const OBJECTIVES: [string, string, KeyResult[]][] = [
  ["reliability", "Improve platform reliability", [
    { id: "uptime", title: "Reach 99.95% uptime", start: 99.8, target: 99.95, unit: "%" },
    { id: "incidents", title: "Cut P1 incidents per month", start: 6, target: 2, unit: "incidents" }]],
  ["latency", "Make the API fast", [
    { id: "p95", title: "p95 latency under 200 ms", start: 800, target: 200, unit: "ms" },
    { id: "slow-endpoints", title: "No endpoint over 1 s", start: 12, target: 0, unit: "endpoints" }]],
  ["delivery", "Ship the roadmap on time", [
    { id: "features", title: "Ship the planned features", start: 0, target: 6, unit: "features" },
    { id: "velocity", title: "Sprint velocity at 90%", start: 70, target: 90, unit: "%" },
    { id: "lead-time", title: "Lead time under 2 days", start: 5, target: 2, unit: "days" }]],
  ["cost", "Reduce infrastructure cost", [
    { id: "spend", title: "Monthly spend down to $60K", start: 85, target: 60, unit: "k USD" },
    { id: "idle", title: "Fewer idle nodes", start: 30, target: 5, unit: "nodes" }]],
  ["growth", "Grow the team", [
    { id: "mentees", title: "Mentor two engineers", start: 0, target: 2, unit: "people" },
    { id: "talks", title: "Give internal talks", start: 0, target: 3, unit: "talks" }]],
];

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const fill = (rng: Rng, text: string): string => text.replace("{p}", pick(rng, PROJECTS));
const round = (n: number, digits: number): number => Number(n.toFixed(digits));

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, days: number): string => new Date(toDate(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10);
const weekday = (iso: string): number => toDate(iso).getUTCDay(); // 0 = Sunday
const daysBetween = (from: string, to: string): number => Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
const quarterOf = (iso: string): string => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
function quarterBounds(quarter: string): [string, string] {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const first = `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  return [first, addDays(next, -1)];
}
function isoWeek(iso: string): string { // e.g. "2025-W06"
  const thursday = addDays(iso, 3 - ((weekday(iso) + 6) % 7));
  const jan1 = `${thursday.slice(0, 4)}-01-01`;
  const week = Math.floor(daysBetween(jan1, thursday) / 7) + 1;
  return `${thursday.slice(0, 4)}-W${String(week).padStart(2, "0")}`;
}
const frontMatter = (lines: string[]): string => `---\n${lines.join("\n")}\n---\n`;
const section = (title: string, items: string[]): string => (items.length ? `\n## ${title}\n\n${items.join("\n")}\n` : "");

/** A metric phrase in one of the patterns the parser reads, e.g. "from 850ms to 120ms". */
function metricPhrase(rng: Rng): string {
  switch (int(rng, 0, 6)) {
    case 0: { const before = int(rng, 300, 1500); return `: p95 from ${before}ms to ${int(rng, 40, before - 100)}ms`; }
    case 1: return `, cutting errors by ${int(rng, 10, 90)}%`;
    case 2: return `, saving $${int(rng, 5, 400)}K a year`;
    case 3: return `, which unblocks $${int(rng, 1, 4)}.${int(rng, 1, 9)}M in renewals`;
    case 4: return `, saving €${int(rng, 5, 90)}k in credits`;
    case 5: return `; the job now takes ${int(rng, 10, 90)} minutes`;
    default: return `, saving the team ${int(rng, 1, 6)}h a week`;
  }
}

function buildObjectives(rng: Rng, quarter: string, asOf: string): { files: [string, string][]; objectives: Objective[] } {
  const [first, last] = quarterBounds(quarter);
  const chosen = shuffle(rng, OBJECTIVES).slice(0, int(rng, 2, 3));
  const files: [string, string][] = [];
  const objectives: Objective[] = [];
  for (const [slug, title, krs] of chosen) {
    const finalShare = 0.6 + rng() * 0.5; // share of the way to target reached by quarter end
    const lines = [`title: ${title}`, `quarter: ${quarter}`,
      `status: ${last > asOf ? "active" : finalShare >= 1 ? "achieved" : "missed"}`, "key_results:"];
    for (const kr of krs) {
      lines.push(`  - id: ${kr.id}`, `    title: ${kr.title}`, `    start: ${kr.start}`, `    target: ${kr.target}`, `    unit: "${kr.unit}"`, "    check_ins:");
      const days: string[] = [];
      for (let day = addDays(first, 13); day < last && day <= asOf; day = addDays(day, 14)) days.push(day);
      if (last <= asOf) days.push(last); // a closing check-in once the quarter is over
      for (const day of days) {
        const elapsed = daysBetween(first, day) / daysBetween(first, last);
        const share = day === last ? Math.min(1, finalShare) : Math.min(1, elapsed * finalShare + (rng() - 0.5) * 0.1);
        const value = round(kr.start + (kr.target - kr.start) * share, kr.unit === "%" ? 2 : 1);
        const confidence = share >= elapsed - 0.1 ? "on_track" : share >= elapsed - 0.25 ? "at_risk" : "off_track";
        lines.push(`      - { date: ${day}, value: ${value}, confidence: ${confidence}, note: "${fill(rng, pick(rng, CHECKIN_NOTES))}" }`);
      }
    }
    files.push([`okrs/${quarter}/${slug}.md`, `${frontMatter(lines)}\n${title} this quarter, measured by ${krs.length} key results.\n`]);
    objectives.push({ id: `${quarter}/${slug}`, title, krs });
  }
  return { files, objectives };
}

function buildDaily(rng: Rng, day: string, objectives: Objective[]): string {
  const hours = round(6.5 + rng() * 3.5, 1);
  const meetings = round(rng() * Math.min(4, hours), 1);
  const energy = int(rng, 1, 5), stress = int(rng, 1, 5);
  const mood = ["difficult", "challenging", "neutral", "good", "great"][Math.max(0, Math.min(4, energy - stress + 2))];
  const fm = [`date: ${day}`, `hours: ${hours}`, `deep_work: ${round(Math.max(0, hours - meetings - 1 - rng() * 2), 1)}`,
    `meetings: ${meetings}`, `context_switches: ${int(rng, 2, 20)}`];
  if (rng() < 0.9) fm.push(`energy: ${energy}`, `stress: ${stress}`, `balance: ${int(rng, 1, 5)}`, `mood: ${mood}`);
  const served = objectives.filter(() => rng() < 0.6);
  if (served.length && rng() < 0.85) fm.push(`okrs: [${served.map((o) => o.id).join(", ")}]`);
  fm.push(`projects: [${pick(rng, PROJECTS)}]`, `tags: [${pick(rng, TAGS)}]`);
  if (rng() < 0.01) fm.push("private: true");
  const wins: string[] = [];
  for (let i = int(rng, 1, 4); i > 0; i--) {
    let win = `- ${pick(rng, OPENERS)} ${fill(rng, pick(rng, THINGS))}${rng() < 0.5 ? metricPhrase(rng) : ""}`;
    if (rng() < 0.35) {
      const objective = pick(rng, objectives);
      win += rng() < 0.5 ? ` [[${objective.id}]]` : ` [[${objective.id}#${pick(rng, objective.krs).id}]]`;
    }
    if (rng() < 0.4) win += ` #${pick(rng, TAGS)}`;
    if (rng() < 0.03) win += " #highlight";
    wins.push(win);
  }
  const notes = rng() < 0.08 ? [`- [ ] ${fill(rng, pick(rng, ACTIONS))} @me due:${addDays(day, int(rng, 3, 14))}`] : [];
  return frontMatter(fm)
    + section(rng() < 0.1 ? "Plan" : "Goals", rng() < 0.6 ? [`- ${fill(rng, pick(rng, GOALS))}`] : [])
    + section(rng() < 0.1 ? "Done" : "Wins", wins)
    + section("Blockers", rng() < 0.25 ? [`- ${fill(rng, pick(rng, BLOCKERS))}`] : [])
    + section(rng() < 0.1 ? "TIL" : "Learnings", rng() < 0.3 ? [`- ${pick(rng, LEARNINGS)}`] : [])
    + section("Notes", notes);
}

/** One 1:1 meeting; open action items carry over until they are checked off with identical text. */
function buildMeeting(rng: Rng, day: string, other: string, open: Map<string, string>): string {
  const items: string[] = [];
  for (const [text, ownerAndDue] of [...open]) {
    const done = rng() < 0.4;
    items.push(`- [${done ? "x" : " "}] ${text} ${ownerAndDue}`);
    if (done) open.delete(text);
  }
  for (let i = int(rng, 0, 2); i > 0; i--) {
    const text = `${fill(rng, pick(rng, ACTIONS))} (${isoWeek(day)})`; // the week keeps identities unique
    open.set(text, `@${rng() < 0.7 ? "me" : other} due:${addDays(day, int(rng, 5, 21))}`);
    items.push(`- [ ] ${text} ${open.get(text)}`);
  }
  return frontMatter([`date: ${day}`, `mood: ${int(rng, 2, 5)}`, `topics: [${pick(rng, PROJECTS)}, ${pick(rng, TAGS)}]`])
    + section("Agenda", ["- Open action items", `- ${fill(rng, pick(rng, GOALS))}`])
    + section("Notes", [`- Talked through ${fill(rng, pick(rng, THINGS))}.`])
    + section("Feedback", [`- ${pick(rng, FEEDBACK)}`])
    + section("Action items", items);
}

function buildAchievement(rng: Rng, day: string, objective: Objective): string {
  const before = int(rng, 200, 1200);
  const metric = rng() < 0.7 ? `{ name: p95 latency, unit: ms, before: ${before}, after: ${int(rng, 50, before - 100)} }`
    : `{ name: hours saved per month, unit: h, value: ${int(rng, 5, 80)} }`;
  const what = fill(rng, pick(rng, THINGS));
  return frontMatter([`title: Improved ${what}`, `date: ${day}`, "dimensions: [technical_execution, ownership]",
    "skills: [PostgreSQL, TypeScript]", `okrs: [${objective.id}]`, `highlight: ${rng() < 0.3}`, `metric: ${metric}`])
    + section("Situation", [`Users kept hitting problems with ${what}.`])
    + section("Task", [`Own the fix as part of the objective "${objective.title}".`])
    + section("Action", [`Measured first, then changed ${what} in small, reversible steps.`])
    + section("Result", [`The metric moved as recorded above and stayed there.`]);
}

function buildSprint(rng: Rng, day: string, number: number): string {
  const planned = int(rng, 20, 40);
  return frontMatter([`name: Sprint ${number}`, `start: ${day}`, `end: ${addDays(day, 11)}`, `goal: ${fill(rng, pick(rng, GOALS))}`,
    `planned_points: ${planned}`, `completed_points: ${Math.min(planned, int(rng, Math.floor(planned * 0.7), planned + 2))}`])
    + section("Went well", [`- ${pick(rng, LEARNINGS)}`])
    + section("To improve", [`- ${fill(rng, pick(rng, BLOCKERS))}`])
    + section("Action items", [`- [ ] ${fill(rng, pick(rng, ACTIONS))} @me due:${addDays(day, 21)}`]);
}

function buildWeeklyCheckIn(rng: Rng, week: string): string {
  const fm = [`week: ${week}`, `confidence: ${pick(rng, ["on_track", "on_track", "at_risk", "off_track"])}`];
  if (rng() < 0.3) fm.push(`status_override: ${pick(rng, ["green", "yellow"])}`, `override_reason: ${pick(rng, OVERRIDES)}`);
  return frontMatter(fm)
    + section("Wins", [`- ${pick(rng, OPENERS)} ${fill(rng, pick(rng, THINGS))}`])
    + section("Challenges", [`- ${fill(rng, pick(rng, BLOCKERS))}`])
    + section("Help needed", ["- None this week"]);
}

/** The whole journal as relative path → file content, e.g. "daily/2024/2024-01-02.md". */
export function generateJournal({ years, seed, start = DEFAULT_START }: GenerateOptions): Map<string, string> {
  const rng = mulberry32(seed);
  const end = addDays(start, Math.round(years * 365.25) - 1);
  const files = new Map<string, string>();
  files.set("journal.yml", `person: { name: Sam Synthetic, role: Senior Software Engineer, company: Examplecorp, manager: Riley Lead }
work_days: [mon, tue, wed, thu, fri]
year_start: "01-01"
competencies: [technical_execution, collaboration, ownership, communication]
scoring:
  weights: { delivery: 30, focus: 20, alignment: 20, consistency: 15, wellbeing: 15 }
  thresholds: { green: 70, yellow: 50 }
  targets: { wins_per_day: 2, deep_work_ratio: 0.5 }
redact: ["Examplecorp", "Project Nightjar"]
site: { title: "Synthetic journal (seed ${seed})", base: / }
`);
  files.set("one-on-ones/riley-lead/_series.md", `${frontMatter(["with: Riley Lead", "relationship: manager", "cadence: weekly"])}\n## Agenda template\n\n- Open action items\n- Feedback\n`);
  files.set("one-on-ones/jo-mentor/_series.md", `${frontMatter(["with: Jo Mentor", "relationship: mentor", "cadence: monthly"])}\n## Agenda template\n\n- Career\n`);
  const openManager = new Map<string, string>(), openMentor = new Map<string, string>();
  let objectives: Objective[] = [];
  let quarter = "", sprint = 0, sprintYear = "", lastMentor = "", lastAchievementMonth = "";
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (quarterOf(day) !== quarter) {
      quarter = quarterOf(day);
      const built = buildObjectives(rng, quarter, end);
      built.files.forEach(([file, text]) => files.set(file, text));
      objectives = built.objectives;
    }
    const dow = weekday(day);
    if (dow === 0 || dow === 6) continue;
    if (rng() >= 0.04) files.set(`daily/${day.slice(0, 4)}/${day}.md`, buildDaily(rng, day, objectives)); // ~4% sick or missed
    if (dow === 4 && rng() < 0.9) files.set(`one-on-ones/riley-lead/${day}.md`, buildMeeting(rng, day, "riley", openManager));
    if (dow === 3 && (!lastMentor || addDays(lastMentor, 28) <= day)) {
      lastMentor = day;
      files.set(`one-on-ones/jo-mentor/${day}.md`, buildMeeting(rng, day, "jo", openMentor));
    }
    if (day.slice(0, 7) !== lastAchievementMonth && Number(day.slice(8)) >= int(rng, 10, 25)) {
      lastAchievementMonth = day.slice(0, 7);
      files.set(`achievements/${day}-${pick(rng, PROJECTS)}.md`, buildAchievement(rng, day, pick(rng, objectives)));
    }
    const sprintStarts = dow === 1 && daysBetween(start, day) % 14 < 7 && addDays(day, 11) <= end; // biweekly
    if (sprintStarts) {
      sprint = day.slice(0, 4) === sprintYear ? sprint + 1 : 1;
      sprintYear = day.slice(0, 4);
      files.set(`sprints/${sprintYear}-S${String(sprint).padStart(2, "0")}.md`, buildSprint(rng, day, sprint));
    }
    if (dow === 5 && Number(isoWeek(day).slice(6)) % 4 === 0) files.set(`weekly/${isoWeek(day)}.md`, buildWeeklyCheckIn(rng, isoWeek(day)));
  }
  return files;
}

/** Writes the files under dir, creating folders; files already there with other names are left alone. */
export async function writeJournal(dir: string, files: Map<string, string>): Promise<void> {
  const folders = new Set([...files.keys()].map((file) => path.dirname(path.join(dir, file))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await Promise.all([...files].map(([file, text]) => writeFile(path.join(dir, file), text)));
}

async function runCli(): Promise<void> {
  const { values } = parseArgs({ options: { years: { type: "string", default: "1" }, seed: { type: "string", default: "1" },
    out: { type: "string" }, start: { type: "string" } } });
  const years = Number(values.years), seed = Number(values.seed);
  if (!values.out || !(years > 0) || !Number.isInteger(seed) || (values.start && !/^\d{4}-\d\d-\d\d$/.test(values.start))) {
    process.stderr.write("usage: node scripts/generate-journal.ts --years N --seed S --out DIR [--start YYYY-MM-DD]\n");
    process.exitCode = 2;
    return;
  }
  const files = generateJournal({ years, seed, start: values.start });
  await writeJournal(values.out, files);
  const daily = [...files.keys()].filter((file) => file.startsWith("daily/")).length;
  process.stderr.write(`generate-journal: wrote ${files.size} files (${daily} daily logs) to ${values.out}\n`);
}

if (import.meta.main) await runCli();
