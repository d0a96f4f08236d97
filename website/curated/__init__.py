"""The curated page layer every content app builds on.

Case studies, tools, policies and funding calls (and the content types to come)
are ``CuratedPage`` subclasses: ``models`` holds the abstract page and link
bases, ``listing`` the index pages' facets, sorting and cached listing,
``feeds`` the RSS/Atom base, ``related`` the related-content box and
``documents`` the search-document base. The templates are under
``templates/website/curated/``.
"""
