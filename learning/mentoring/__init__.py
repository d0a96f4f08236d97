"""Mentoring: one-to-one and peer mentoring, from the mentor's offer to both sides' feedback.

``rules`` moves requests, ``suggest`` ranks mentors, ``hours`` counts mentoring
towards a completion rule, ``sweep`` reminds and expires, ``views`` are the
pages.
"""
