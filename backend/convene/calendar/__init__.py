"""Calendars: subscribable feeds (iCalendar PUBLISH) and e-mailed invitations (iTIP)."""
