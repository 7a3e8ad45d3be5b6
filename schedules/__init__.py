"""Scheduled pushes: fixed APScheduler jobs ask feature providers what is due and write outbox rows."""
