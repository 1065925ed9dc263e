"""The list of speakers: one queue per agenda item and sitting, for the room and for online
delegates, run by the chair under the body's rules of procedure (issue 15)."""
