"""Domain events: services say what changed; the audit log, mail, calendars and live streams hear."""
