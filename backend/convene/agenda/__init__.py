"""A session's agenda: numbered items, lettered sub-items, and their documents."""
