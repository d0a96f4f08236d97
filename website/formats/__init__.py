"""The site's own date, time and number formats, one module per language (FORMAT_MODULE_PATH).

Django's stock formats differ in style between the three languages (Bulgarian
"17 Февруари 2027", Greek "17/02/2027 6:00 μ.μ.", English "Feb. 17, 2027, 6 p.m."),
so one deadline read differently on every page. These modules give each language
one long form, used by `|date:"DATE_FORMAT"` and by the filters in
`website.templatetags.formatting`; anything not set here falls back to Django's.
"""
