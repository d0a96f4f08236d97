"""Bulk import and export of content as JSON Lines or CSV.

``registry`` maps each record ``type`` to a handler (content apps register
theirs in ``AppConfig.ready()``); ``parsing`` turns a file into records;
``pipeline`` validates every record, then writes all of them in one
transaction or nothing; ``bulk`` is the fast path for new published pages;
``export`` writes records back in the same format (round-trip safe).

Columns (CSV: same names; list columns separated by ``|``):

- every type: type, id, language, translation_of, title, summary, body (blank
  line = paragraph), themes, pillars, regions (slugs), countries (ISO codes),
  tags, published (YYYY-MM-DD), url, related (list of ``type:id``)
- case_study: organisation, year, stage, impact (in words), indicators
  (measured results, "name: value unit"), criteria (social-innovation criterion slugs), challenge, solution, funding_sources,
  lessons_learned, members (list of member ids, from ``member`` rows in the
  file or members already on the site; shown on the page while public)
- tool: tool_type, audience, level, licence
- policy: level, instrument, issuing_body, adopted, in_force, status, programmes
- funding_call: programme, funder, call_identifier, opens, deadline (one or
  more; ISO date or date-time, Europe/Sofia unless an offset or ``timezone``
  is given), timezone, budget_eur, cofinancing_rate, eligible (member types)
- course: level (start-up, advanced), format (online, offline, blended),
  duration_hours, topic (slug or name; new ones are created), teaching_language,
  learning_outcomes (list), prerequisites, facilitators (member ids, as members)

A translation (``translation_of``) takes every empty column from its source.
"""
