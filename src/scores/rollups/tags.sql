-- Per report period: the ten most used tags and skills. A tag counts once per win that carries it
-- (#tag) and once per daily log that lists it in tags:; a skill once per achievement. Ties go
-- alphabetically. Each keeps the wins, days and achievements it came from.
WITH tags_by_date AS (
  SELECT date, unnest(tags) AS tag, id AS win_id, NULL::DATE AS day FROM wins
  UNION ALL
  SELECT date, lower(unnest(tags)), NULL, date FROM days
),
tag_uses AS (
  SELECT c.period, t.tag, t.win_id, t.day AS date
  FROM report_calendar c JOIN tags_by_date t ON t.date = c.date
),
top_tags AS (
  SELECT period, tag, count(*) AS count,
    coalesce(list_sort(list(win_id) FILTER (WHERE win_id IS NOT NULL)), []) AS win_ids,
    coalesce(list_sort(list(date) FILTER (WHERE date IS NOT NULL)), []) AS dates
  FROM tag_uses
  GROUP BY period, tag
  QUALIFY row_number() OVER (PARTITION BY period ORDER BY count(*) DESC, tag) <= 10
),
skill_uses AS (
  SELECT c.period, s.skill, s.achievement_id
  FROM report_calendar c JOIN (SELECT date, unnest(skills) AS skill, id AS achievement_id FROM achievements) s ON s.date = c.date
),
top_skills AS (
  SELECT period, skill, count(*) AS count, list_sort(list(achievement_id)) AS achievement_ids
  FROM skill_uses
  GROUP BY period, skill
  QUALIFY row_number() OVER (PARTITION BY period ORDER BY count(*) DESC, skill) <= 10
)
SELECT p.id AS period_id, coalesce(t.tags, []) AS tags, coalesce(s.skills, []) AS skills
FROM report_periods p
LEFT JOIN (
  SELECT period, list({'tag': tag, 'count': count, 'win_ids': win_ids, 'dates': dates} ORDER BY count DESC, tag) AS tags
  FROM top_tags GROUP BY period
) t ON t.period = p.id
LEFT JOIN (
  SELECT period, list({'skill': skill, 'count': count, 'achievement_ids': achievement_ids} ORDER BY count DESC, skill) AS skills
  FROM top_skills GROUP BY period
) s ON s.period = p.id
